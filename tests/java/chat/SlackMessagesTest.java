package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {
    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    private static String sectionText(JsonObject payload) {
        return payload.getAsJsonArray("blocks").get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString();
    }

    @Test
    void mrkdwnControlCharactersAreEscaped() {
        assertEquals("a &amp;lt; &lt;!channel&gt; &amp; &lt;http://x|y&gt;", Mrkdwn.escape("a &lt; <!channel> & <http://x|y>"));
        assertEquals("<https://ci/job/a%7Cb/1/?x=1&amp;y=2|#1 &lt;b&gt;>", Mrkdwn.link("https://ci/job/a|b/1/?x=1&y=2", "#1 <b>"));
        assertEquals("<@U0ALICE>", Mrkdwn.mention("U0ALICE"));
    }

    @Test
    void cuttingKeepsEscapesAndSurrogatePairsWhole() {
        assertEquals("abc…", Mrkdwn.cut("abcdefgh", 4));
        assertEquals("ab…", Mrkdwn.cut("ab&amp;cdef", 5));
        assertEquals("a…", Mrkdwn.cut("a🚀bcdef", 3));
        assertEquals("short", Mrkdwn.cut("short", 5));
    }

    @Test
    void aDialogueTurnIsEphemeralWithHowToAnswer() {
        final JsonObject p = json(SlackMessages.dialogue("Run delivery/deploy with service=<x>? Say yes.", "confirm", "/deploy")
                .forResponseUrl());
        assertEquals("ephemeral", p.get("response_type").getAsString());
        assertFalse(p.get("replace_original").getAsBoolean());
        assertEquals("Run delivery/deploy with service=&lt;x&gt;? Say yes.", p.get("text").getAsString());
        assertEquals(p.get("text").getAsString(), sectionText(p));
        final JsonObject context = p.getAsJsonArray("blocks").get(1).getAsJsonObject();
        assertEquals("context", context.get("type").getAsString());
        assertEquals("Answer with `/deploy yes` to run it or `/deploy no` to cancel.",
                context.getAsJsonArray("elements").get(0).getAsJsonObject().get("text").getAsString());
        assertEquals(1, json(SlackMessages.dialogue("Cancelled.", "cancelled", "/deploy").forResponseUrl())
                .getAsJsonArray("blocks").size());
    }

    @Test
    void aQueuedBuildIsAnnouncedToTheChannelWithSecretsMasked() {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "checkout");
        params.put("db_password", "hunter2");
        params.put("api_key", "k-123");
        final SlackMessage m = SlackMessages.queued("delivery/deploy", "U0ALICE", "alice", params);
        assertTrue(m.inChannel());
        final JsonObject p = json(m.forChannel("C0PLATFORM", null));
        assertEquals("C0PLATFORM", p.get("channel").getAsString());
        assertFalse(p.has("thread_ts"));
        assertFalse(p.get("unfurl_links").getAsBoolean());
        assertEquals("▶️ <@U0ALICE> started *delivery/deploy* as Jenkins user `alice`. The result will follow here.",
                sectionText(p));
        assertEquals("service=checkout · db_password=**** · api_key=****", m.footnote());
        assertFalse(m.forResponseUrl().contains("hunter2"));
        assertEquals("in_channel", json(m.forResponseUrl()).get("response_type").getAsString());
    }

    @Test
    void aFinishedBuildIsPostedIntoItsThread() {
        final SlackMessage m = SlackMessages.finished(
                new BuildOutcome("delivery/deploy", 42, "FAILURE", "https://ci.example.com/job/delivery/job/deploy/42/", 185_000));
        final JsonObject p = json(m.forChannel("C0PLATFORM", "1700000000.000101"));
        assertEquals("1700000000.000101", p.get("thread_ts").getAsString());
        assertEquals("🛑 *delivery/deploy* #42 finished: FAILURE after 3 min 5 s.", sectionText(p));
        assertEquals("<https://ci.example.com/job/delivery/job/deploy/42/|Open the build>", m.footnote());
        assertNull(SlackMessages.finished(new BuildOutcome("a", 1, "SUCCESS", null, 0)).footnote());
    }

    @Test
    void outcomesReadLikeTheCoreNotifier() {
        assertEquals("✅", new BuildOutcome("a", 1, "SUCCESS", null, 0).emoji());
        assertEquals("⚠️", new BuildOutcome("a", 1, "UNSTABLE", null, 0).emoji());
        assertEquals("ℹ️", new BuildOutcome("a", 1, "ABORTED", null, 0).emoji());
        assertEquals("42 s", new BuildOutcome("a", 1, "SUCCESS", null, 42_999).durationText());
        assertEquals("2 min", new BuildOutcome("a", 1, "SUCCESS", null, 120_000).durationText());
        assertEquals("1 h 5 min", new BuildOutcome("a", 1, "SUCCESS", null, 3_900_000).durationText());
    }

    @Test
    void longRepliesAreCutToSlacksBlockLimit() {
        final JsonObject p = json(SlackMessages.dialogue("<".repeat(2000), "collecting", "/b").forResponseUrl());
        final String text = sectionText(p);
        assertTrue(text.length() <= Mrkdwn.MAX_BLOCK_TEXT);
        assertTrue(text.endsWith("&lt;…"));
    }

    @Test
    void refusalsAndFailuresAreEscaped() {
        assertEquals("⛔ Not run: user &lt;x&gt; may not build", SlackMessages.refused("user <x> may not build").mrkdwn());
        assertFalse(SlackMessages.failed("boom").inChannel());
    }
}
