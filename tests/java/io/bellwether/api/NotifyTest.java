package io.bellwether.api;

import static io.bellwether.api.Fixtures.json;
import static io.bellwether.api.Fixtures.quote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bellwether.notify against the webhook sink double: the exact bytes a service receives are the
 * CLI's, a failed post is an answer (delivered: false) and never an exception, and the webhook
 * URL's secret part appears in no answer or message.
 */
class NotifyTest {
    private static final String SECRET = "T0SINK/B0SINK/s3cr3t-webhook-token";
    private static final String BUILD = "https://ci.example.com/job/checkout/41/";

    @TempDir
    static Path dir;
    private static Path verdictFile;

    @BeforeAll
    static void realVerdict() {
        String verdict = Bellwether.analyze("{\"config_path\": " + quote(Fixtures.example("slo.yaml").toString())
                + ", \"metrics_path\": " + quote(Fixtures.example("metrics-regression.csv").toString()) + "}");
        verdictFile = Fixtures.write(dir.resolve("verdict.json"), verdict);
    }

    private static String request(String to, String url, String... more) {
        StringBuilder r = new StringBuilder("{\"to\": " + quote(to) + ", \"url\": " + quote(url) + ", \"event_path\": "
                + quote(verdictFile.toString()) + ", \"build_url\": " + quote(BUILD));
        for (String field : more) {
            r.append(", ").append(field);
        }
        return r.append('}').toString();
    }

    @Test
    void slackReceivesExactlyTheClisPayloadAndTheAnswerIsTheClis() throws Exception {
        try (WebhookSink sink = new WebhookSink()) {
            String url = sink.url("/services/" + SECRET);
            String answer = Bellwether.notify(request("slack", url));
            Delivery d = Delivery.fromJson(answer);
            assertTrue(d.delivered());
            assertEquals(200, d.status());
            assertEquals(1, d.attempts());
            assertEquals("verdict", d.event());
            assertNull(d.reason());

            Fixtures.Run dryRun = Fixtures.run(List.of(Fixtures.cli().toString(), "notify", "--to", "slack", "--event",
                    verdictFile.toString(), "--build-url", BUILD, "--dry-run"), null);
            assertEquals(0, dryRun.exit(), dryRun::stderr);
            assertArrayEquals(dryRun.stdout().strip().getBytes(StandardCharsets.UTF_8), sink.body(0),
                    "the bytes posted are the CLI's payload");
            assertTrue(json(dryRun.stdout()).getAsJsonObject().has("blocks"), "Slack gets Block Kit");
            assertEquals("application/json", sink.requests().get(0).getAsJsonObject("headers").get("Content-Type")
                    .getAsString());

            // The CLI posting the same event answers the same JSON.
            assertEquals(Fixtures.cliAnswer("notify", "--to", "slack", "--url", url, "--event", verdictFile.toString(),
                    "--build-url", BUILD), json(answer));
            assertArrayEquals(sink.body(0), sink.body(1));
        }
    }

    @Test
    void eachServiceGetsItsOwnPayloadAndAnswersInItsOwnWay() throws Exception {
        try (WebhookSink sink = new WebhookSink()) {
            Delivery discord = Delivery.fromJson(Bellwether.notify(request("discord", sink.url("/api/webhooks/1/" + SECRET))));
            Delivery teams = Delivery.fromJson(Bellwether.notify(
                    request("teams", sink.url("/workflows/1/triggers/manual/paths/invoke?sig=" + SECRET))));
            assertEquals(List.of(204, 202), List.of(discord.status(), teams.status()));
            assertTrue(discord.delivered() && teams.delivered());
            String dryRun = Bellwether.notify(request("discord", "https://unused.example", "\"dry_run\": true"));
            assertEquals(json(dryRun), json(new String(sink.body(0), StandardCharsets.UTF_8)));
            assertTrue(json(new String(sink.body(1), StandardCharsets.UTF_8)).getAsJsonObject().has("attachments"),
                    "Teams gets an Adaptive Card attachment");
        }
    }

    @Test
    void aServiceErrorIsAnAnswerWithTheReasonAndWithoutTheSecret() throws Exception {
        try (WebhookSink sink = new WebhookSink("--status", "500")) {
            String answer = Bellwether.notify(request("slack", sink.url("/services/" + SECRET)));
            Delivery d = Delivery.fromJson(answer);
            assertFalse(d.delivered());
            assertEquals(500, d.status());
            assertEquals(2, d.attempts(), "one retry after a 5xx");
            assertEquals(2, sink.requests().size());
            assertTrue(d.reason().startsWith("Slack at " + sink.url("") + " answered HTTP 500"), d.reason());
            assertFalse(answer.contains("s3cr3t"), answer);
        }
    }

    @Test
    void aServiceThatIsNotThereIsAnAnswerToo() {
        Delivery d = Delivery.fromJson(Bellwether.notify(request("webhook", "http://127.0.0.1:9/hooks/" + SECRET,
                "\"timeout\": 2")));
        assertFalse(d.delivered());
        assertNull(d.status());
        assertTrue(d.reason().startsWith("The webhook at http://127.0.0.1:9 gave no answer"), d.reason());
        assertFalse(d.reason().contains("s3cr3t"), d.reason());
    }

    @Test
    void onlyABadRequestThrowsAndItsMessageKeepsTheSecret() {
        BellwetherException noEvent = assertThrows(BellwetherException.class,
                () -> Bellwether.notify("{\"to\": \"slack\", \"url\": \"https://hooks.example/" + SECRET + "\"}"));
        assertEquals("input", noEvent.kind());
        assertEquals("notify: event: required (inline, or a file as event_path)", noEvent.getMessage());
        BellwetherException badUrl = assertThrows(BellwetherException.class,
                () -> Bellwether.notify(request("slack", "hooks.example/" + SECRET)));
        assertEquals("notify: url: expected an http:// or https:// URL", badUrl.getMessage());
        BellwetherException badTarget = assertThrows(BellwetherException.class,
                () -> Bellwether.notify(request("pager", "https://hooks.example/" + SECRET)));
        assertEquals("notify: to: expected slack|teams|discord|webhook, got \"pager\"", badTarget.getMessage());
    }
}
