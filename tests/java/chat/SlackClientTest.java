package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP calls to Slack, against tests/doubles/slack_double.py. */
class SlackClientTest {
    private static SlackDouble slack;
    private SlackClient client;
    private int seen;

    @BeforeAll
    static void startSlack() throws Exception {
        slack = new SlackDouble("--user", "U0ALICE=alice@example.com", "--user", "U0BOT=", "--channel-not-in", "C0SECRET",
                "--expired", "/commands/T0001/used/s3cr3tpath");
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
    }

    @BeforeEach
    void newClient() throws Exception {
        client = new SlackClient(slack.apiBase(), Duration.ofSeconds(5));
        seen = slack.requests().size();
    }

    private JsonObject lastRequest() throws Exception {
        final List<JsonObject> all = slack.requests();
        assertEquals(seen + 1, all.size(), "exactly one request reached Slack");
        return all.get(all.size() - 1);
    }

    @Test
    void anAnswerGoesToTheResponseUrlAsJson() throws Exception {
        final SlackMessage message = SlackMessages.dialogue("Which version?", "collecting", "/bellwether");
        client.respond(slack.responseUrl("100"), message);
        final JsonObject request = lastRequest();
        assertEquals("POST", request.get("method").getAsString());
        assertEquals("/commands/T0001/100/s3cr3tpath", request.get("path").getAsString());
        assertEquals("application/json; charset=utf-8",
                request.getAsJsonObject("headers").get("Content-Type").getAsString());
        assertFalse(request.getAsJsonObject("headers").has("Authorization"), "a response_url needs no token");
        assertEquals(message.forResponseUrl(), request.get("body").getAsString());
    }

    @Test
    void anExpiredResponseUrlFailsWithoutShowingItsPath() {
        final SlackCallFailed e = assertThrows(SlackCallFailed.class,
                () -> client.respond(slack.responseUrl("used"), SlackMessages.failed("x")));
        assertEquals("response_url at 127.0.0.1 answered HTTP 404: expired_url", e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3tpath"));
    }

    @Test
    void postMessageUsesTheBotTokenAndReturnsTheThreadTs() throws Exception {
        final SlackMessage message = SlackMessages.queued("delivery/deploy", "U0ALICE", "alice", java.util.Map.of());
        final String ts = client.post(SlackDouble.BOT_TOKEN, "C0PLATFORM", null, message);
        assertTrue(ts.matches("\\d+\\.\\d{6}"), ts);
        JsonObject request = lastRequest();
        assertEquals("/api/chat.postMessage", request.get("path").getAsString());
        assertEquals("Bearer " + SlackDouble.BOT_TOKEN, request.getAsJsonObject("headers").get("Authorization").getAsString());
        assertEquals(message.forChannel("C0PLATFORM", null), request.get("body").getAsString());

        seen++;
        client.post(SlackDouble.BOT_TOKEN, "C0PLATFORM", ts, SlackMessages.finished(new BuildOutcome("a", 1, "SUCCESS", null, 1)));
        request = lastRequest();
        assertEquals(ts, JsonParser.parseString(request.get("body").getAsString()).getAsJsonObject().get("thread_ts").getAsString());
    }

    @Test
    void slacksErrorsAreNamedAndTheTokenIsNot() {
        final SlackMessage m = SlackMessages.failed("x");
        final SlackCallFailed badToken = assertThrows(SlackCallFailed.class, () -> client.post("xoxb-wrong-token", "C0PLATFORM", null, m));
        assertEquals("chat.postMessage failed: invalid_auth", badToken.getMessage());
        assertEquals("chat.postMessage failed: not_in_channel",
                assertThrows(SlackCallFailed.class, () -> client.post(SlackDouble.BOT_TOKEN, "C0SECRET", null, m)).getMessage());
        assertEquals("chat.postMessage failed: channel_not_found",
                assertThrows(SlackCallFailed.class, () -> client.post(SlackDouble.BOT_TOKEN, "X0NOWHERE", null, m)).getMessage());
    }

    @Test
    void usersInfoGivesTheEmailWhenSlackShowsIt() throws Exception {
        assertEquals(Optional.of("alice@example.com"), client.emailOf(SlackDouble.BOT_TOKEN, "U0ALICE"));
        assertEquals("/api/users.info?user=U0ALICE", lastRequest().get("path").getAsString());
        assertEquals(Optional.empty(), client.emailOf(SlackDouble.BOT_TOKEN, "U0BOT"));
        assertEquals("users.info failed: user_not_found",
                assertThrows(SlackCallFailed.class, () -> client.emailOf(SlackDouble.BOT_TOKEN, "U0NOBODY")).getMessage());
    }

    @Test
    void anUnreachableSlackIsAFailureNotAHang() throws Exception {
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        final SlackClient nowhere = new SlackClient(URI.create("http://127.0.0.1:" + port + "/api/"), Duration.ofSeconds(2));
        final SlackCallFailed e = assertThrows(SlackCallFailed.class,
                () -> nowhere.post(SlackDouble.BOT_TOKEN, "C0PLATFORM", null, SlackMessages.failed("x")));
        assertTrue(e.getMessage().startsWith("chat.postMessage could not be reached: "), e.getMessage());
        assertFalse(e.getMessage().contains(SlackDouble.BOT_TOKEN));
    }
}
