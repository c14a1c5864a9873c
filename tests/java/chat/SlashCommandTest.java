package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlashCommandTest {
    static Map<String, String> fields(String text) {
        final Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "deprecated");
        f.put("team_id", "T0001");
        f.put("channel_id", "C0PLATFORM");
        f.put("user_id", "U0ALICE");
        f.put("user_name", "alice");
        f.put("command", "/bellwether");
        f.put("text", text);
        f.put("response_url", "https://hooks.slack.com/commands/T0001/123/abcSECRET");
        f.put("trigger_id", "1.2.3");
        return f;
    }

    static SlashCommand parse(Map<String, String> f) {
        return SlashCommand.parse(FormBody.encode(f).getBytes(StandardCharsets.UTF_8), SlashCommand.SLACK_RESPONSE_URLS);
    }

    @Test
    void readsSlacksDocumentedBody() {
        final SlashCommand c = SlashCommand.parse(SlackSignatureTest.BODY, SlashCommand.SLACK_RESPONSE_URLS);
        assertEquals("T1DC2JH3J", c.teamId());
        assertEquals("G8PSS9T3V", c.channelId());
        assertEquals("foobar", c.registryChannel());
        assertEquals("U2CERLKJA", c.userId());
        assertEquals("/webhook-collect", c.command());
        assertEquals("", c.text());
        assertEquals(URI.create("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN"),
                c.responseUrl());
    }

    @Test
    void textIsTrimmedAndKeptVerbatim() {
        assertEquals("deploy checkout 2.3.1 to prod <!channel>", parse(fields("  deploy checkout 2.3.1 to prod <!channel> ")).text());
    }

    @Test
    void missingOrStrangeIdsAreMalformed() {
        final Map<String, String> noUser = fields("help");
        noUser.remove("user_id");
        assertEquals("slash command has no user_id",
                assertThrows(SlackRequestRejected.class, () -> parse(noUser)).getMessage());
        final Map<String, String> injected = fields("help");
        injected.put("user_id", "U1><!channel");
        final SlackRequestRejected e = assertThrows(SlackRequestRejected.class, () -> parse(injected));
        assertEquals(SlackRequestRejected.Reason.MALFORMED, e.reason());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void theResponseUrlMustBeSlacks() {
        for (String url : new String[] {"http://hooks.slack.com/commands/1", "https://hooks.slack.com.evil.test/x",
                "https://169.254.169.254/latest/meta-data", "file:///etc/passwd", "hooks.slack.com/commands"}) {
            final Map<String, String> f = fields("help");
            f.put("response_url", url);
            final SlackRequestRejected e = assertThrows(SlackRequestRejected.class, () -> parse(f), url);
            assertFalse(e.getMessage().contains("/commands"), "the URL's path is its secret: " + e.getMessage());
        }
        final Map<String, String> gov = fields("help");
        gov.put("response_url", "https://hooks.slack-gov.com/commands/T1/2/3");
        assertEquals("hooks.slack-gov.com", parse(gov).responseUrl().getHost());
    }

    @Test
    void theRegistrySeesTheChannelNameOrElseItsId() {
        final Map<String, String> f = fields("help");
        f.put("channel_name", "platform-ops");
        assertEquals("platform-ops", parse(f).registryChannel());
        f.put("channel_name", "Ops <!here>");
        assertEquals("C0PLATFORM", parse(f).registryChannel());
        f.remove("channel_name");
        assertEquals("C0PLATFORM", parse(f).registryChannel());
    }

    @Test
    void tooMuchTextIsRefused() {
        assertThrows(SlackRequestRejected.class, () -> parse(fields("x".repeat(4001))));
    }

    @Test
    void toStringLeavesOutTheResponseUrl() {
        final String shown = parse(fields("help")).toString();
        assertTrue(shown.contains("U0ALICE"));
        assertFalse(shown.contains("abcSECRET"));
    }
}
