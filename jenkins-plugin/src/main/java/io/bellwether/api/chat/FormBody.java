package io.bellwether.api.chat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * application/x-www-form-urlencoded in UTF-8, strictly: a malformed escape, bytes that are not
 * UTF-8 or a field given twice is an error rather than a guess, because the fields decide who
 * asked for what.
 */
public final class FormBody {
    private FormBody() {}

    /** The fields in their order; a field without {@code =} has the empty value. */
    public static Map<String, String> parse(byte[] body) {
        final String text = new String(body, StandardCharsets.ISO_8859_1);
        final Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            final int eq = pair.indexOf('=');
            final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("form field " + name + " appears more than once");
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /** Encodes fields the way Slack does ({@code +} for space, %XX for everything else unsafe). */
    public static String encode(Map<String, String> fields) {
        final StringJoiner out = new StringJoiner("&");
        fields.forEach((name, value) -> out.add(encodeOne(name) + "=" + encodeOne(value)));
        return out.toString();
    }

    private static String decode(String s) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("form body has a truncated %-escape");
                }
                final int hi = Character.digit(s.charAt(i + 1), 16);
                final int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("form body has a malformed %-escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw new IllegalArgumentException("form body has an unescaped non-ASCII byte");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("form body is not UTF-8", e);
        }
    }

    private static String encodeOne(String s) {
        final StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            final int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '*') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
