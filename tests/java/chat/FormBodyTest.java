package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {
    private static Map<String, String> parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void decodesPlusPercentAndUtf8InOrder() {
        final Map<String, String> form = parse("text=deploy+checkout%202.3.1+to+prod&name=J%C3%BCrgen+%F0%9F%9A%80&empty=&flag");
        assertEquals(List.of("text", "name", "empty", "flag"), List.copyOf(form.keySet()));
        assertEquals("deploy checkout 2.3.1 to prod", form.get("text"));
        assertEquals("Jürgen 🚀", form.get("name"));
        assertEquals("", form.get("empty"));
        assertEquals("", form.get("flag"));
        assertTrue(parse("").isEmpty());
    }

    @Test
    void refusesWhatItWouldHaveToGuess() {
        assertThrows(IllegalArgumentException.class, () -> parse("user_id=U1&user_id=U2"));
        assertThrows(IllegalArgumentException.class, () -> parse("text=50%"));
        assertThrows(IllegalArgumentException.class, () -> parse("text=%zz"));
        assertThrows(IllegalArgumentException.class, () -> parse("text=%C3%28"));
        assertThrows(IllegalArgumentException.class,
                () -> FormBody.parse("text=\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void encodeAndParseRoundTrip() {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("text", "ship <checkout> & co: 100% \"now\"");
        fields.put("user", "Zoë");
        assertEquals("text=ship+%3Ccheckout%3E+%26+co%3A+100%25+%22now%22&user=Zo%C3%AB", FormBody.encode(fields));
        assertEquals(fields, parse(FormBody.encode(fields)));
    }
}
