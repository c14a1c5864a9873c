package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bellwether.api.Bellwether;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slash command end to end: signed form bodies in, the real engine (Bellwether.intentTurn
 * over JNI, examples/jobs.yaml), Slack's answers at tests/doubles/slack_double.py. Jenkins cannot
 * run here, so its side (users' addresses, permissions, the queue) is {@link StandInJenkins}, which
 * records what the service asked of it. Work after the acknowledgement runs on the calling thread,
 * so every test sees the whole flow when receive() returns.
 */
class SlashCommandServiceTest {
    private static final String SECRET = "test-signing-secret";
    private static final long NOW = 1_800_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final Executor ON_THIS_THREAD = Runnable::run;

    private static SlackDouble slack;

    @TempDir
    Path stateDir;

    private final AtomicInteger engineCalls = new AtomicInteger();
    private final Function<String, String> engine = request -> {
        engineCalls.incrementAndGet();
        return Bellwether.intentTurn(request);
    };
    private StandInJenkins jenkins;
    private int seen;
    private int requestCounter;

    /** Jenkins' side as the service sees it, with what it was asked to do. */
    static final class StandInJenkins implements SlashCommandService.JenkinsSide {
        final Map<String, String> addresses = new LinkedHashMap<>();
        final Map<String, SlashCommandService.Access> access = new HashMap<>();
        final Map<String, List<String>> parameters = new HashMap<>();
        final List<String> scheduled = new ArrayList<>();
        ChatThread lastThread;

        @Override
        public Map<String, String> userAddresses() {
            return addresses;
        }

        @Override
        public SlashCommandService.Access access(String jenkinsUser, String job) {
            return access.getOrDefault(jenkinsUser + " " + job, SlashCommandService.Access.NOT_FOUND);
        }

        @Override
        public List<String> parameterNames(String job) {
            return parameters.getOrDefault(job, List.of());
        }

        @Override
        public void schedule(String jenkinsUser, TriggeredJob job, ChatThread thread) {
            scheduled.add(jenkinsUser + " " + job.job() + " " + job.parameters());
            lastThread = thread;
        }
    }

    @BeforeAll
    static void startSlack() throws IOException {
        slack = new SlackDouble("--user", "U0ALICE=alice@example.com", "--user", "U0EVE=eve@evil.test",
                "--user", "U0BOB=bob@example.com");
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
    }

    @BeforeEach
    void standIn() throws Exception {
        jenkins = new StandInJenkins();
        jenkins.addresses.put("alice", "alice@example.com");
        jenkins.addresses.put("bob", "bob@example.com");
        jenkins.addresses.put("bob.admin", "Bob@Example.com");
        jenkins.access.put("alice delivery/deploy", SlashCommandService.Access.ALLOWED);
        jenkins.access.put("carol delivery/deploy", SlashCommandService.Access.DENIED);
        jenkins.parameters.put("delivery/deploy", List.of("service", "version", "environment", "strategy", "canary_weight"));
        seen = slack.requests().size();
    }

    private SlashCommandService service(String botToken, String registry, Executor executor) {
        final SlashCommandService.Settings settings = new SlashCommandService.Settings(SECRET, botToken, registry,
                stateDir.toString(), UserMapping.parse("U0CAROL = carol\nU0DAVE = alice"), true,
                uri -> "127.0.0.1".equals(uri.getHost()));
        return new SlashCommandService(() -> settings, engine, jenkins,
                new SlackClient(slack.apiBase(), Duration.ofSeconds(5)), CLOCK, executor);
    }

    private SlashCommandService service(String botToken) {
        return service(botToken, registry(), ON_THIS_THREAD);
    }

    private static String registry() {
        return Path.of(System.getProperty("bellwether.examples"), "jobs.yaml").toString();
    }

    private byte[] body(String user, String text) {
        final Map<String, String> f = new LinkedHashMap<>();
        f.put("team_id", "T0001");
        f.put("channel_id", "C0PLATFORM");
        f.put("channel_name", "platform-ops");
        f.put("user_id", user);
        f.put("command", "/bellwether");
        f.put("text", text);
        f.put("response_url", slack.responseUrl(String.valueOf(++requestCounter)).toString());
        return FormBody.encode(f).getBytes(StandardCharsets.UTF_8);
    }

    private SlashCommandService.Ack send(SlashCommandService service, String user, String text) {
        final byte[] body = body(user, text);
        final String ts = String.valueOf(NOW - 2);
        return service.receive(ts, new SlackSignature(SECRET, CLOCK).sign(ts, body), body);
    }

    /** What reached Slack since the test began (or since the last call). */
    private List<JsonObject> newRequests() throws Exception {
        final List<JsonObject> all = slack.requests();
        final List<JsonObject> fresh = all.subList(seen, all.size());
        seen = all.size();
        return fresh;
    }

    private static JsonObject payload(JsonObject request) {
        return JsonParser.parseString(request.get("body").getAsString()).getAsJsonObject();
    }

    private static String text(JsonObject request) {
        return payload(request).get("text").getAsString();
    }

    @Test
    void aForgedRequestRunsNothingAndReachesNoOne() throws Exception {
        final byte[] body = body("U0ALICE", "ship checkout 2.3.1 to prod");
        final String ts = String.valueOf(NOW);
        final String forged = new SlackSignature("guessed-secret", CLOCK).sign(ts, body);
        final SlashCommandService.Ack ack = service(SlackDouble.BOT_TOKEN).receive(ts, forged, body);
        assertEquals(401, ack.status());
        assertEquals("X-Slack-Signature does not match the request body", ack.body());
        assertEquals(0, engineCalls.get());
        assertTrue(newRequests().isEmpty());
        assertTrue(jenkins.scheduled.isEmpty());
    }

    @Test
    void aReplayedRequestIsRefusedTheSecondTime() throws Exception {
        final SlashCommandService service = service(SlackDouble.BOT_TOKEN);
        final byte[] body = body("U0ALICE", "help");
        final String ts = String.valueOf(NOW - 10);
        final String signature = new SlackSignature(SECRET, CLOCK).sign(ts, body);
        assertEquals(200, service.receive(ts, signature, body).status());
        final SlashCommandService.Ack again = service.receive(ts, signature, body);
        assertEquals(401, again.status());
        assertEquals("this signed request was already received", again.body());
        assertEquals(1, engineCalls.get());
        assertEquals(1, newRequests().stream().filter(r -> r.get("path").getAsString().startsWith("/commands/")).count());
    }

    @Test
    void anOldCapturedRequestIsStale() throws Exception {
        final byte[] body = body("U0ALICE", "help");
        final String ts = String.valueOf(NOW - 600);
        final SlashCommandService.Ack ack = service(null).receive(ts, new SlackSignature(SECRET, CLOCK).sign(ts, body), body);
        assertEquals(401, ack.status());
        assertEquals(0, engineCalls.get());
        assertTrue(newRequests().isEmpty());
    }

    @Test
    void withoutASigningSecretTheEndpointIsClosed() throws Exception {
        final SlashCommandService.Settings none = new SlashCommandService.Settings(null, null, registry(),
                stateDir.toString(), UserMapping.parse(""), true, uri -> true);
        final SlashCommandService service = new SlashCommandService(() -> none, engine, jenkins,
                new SlackClient(slack.apiBase(), Duration.ofSeconds(5)), CLOCK, ON_THIS_THREAD);
        final byte[] body = body("U0ALICE", "help");
        final SlashCommandService.Ack ack = service.receive(String.valueOf(NOW), "v0=00", body);
        assertEquals(503, ack.status());
        assertEquals(0, engineCalls.get());
    }

    @Test
    void anUnknownSlackUserIsToldWhyAndNothingRuns() throws Exception {
        assertEquals(200, send(service(SlackDouble.BOT_TOKEN), "U0EVE", "ship checkout 2.3.1 to prod").status());
        final List<JsonObject> requests = newRequests();
        assertEquals("/api/users.info?user=U0EVE", requests.get(0).get("path").getAsString());
        final JsonObject answer = requests.get(1);
        assertEquals("ephemeral", payload(answer).get("response_type").getAsString());
        assertTrue(text(answer).startsWith("⛔ Not run: No Jenkins user has your Slack e-mail address (eve@evil.test)."),
                text(answer));
        assertEquals(2, requests.size());
        assertEquals(0, engineCalls.get());
    }

    @Test
    void anAddressTwoJenkinsUsersShareIsNotAnIdentity() throws Exception {
        send(service(SlackDouble.BOT_TOKEN), "U0BOB", "help");
        final List<JsonObject> requests = newRequests();
        assertTrue(text(requests.get(requests.size() - 1)).contains("2 Jenkins users have your Slack e-mail address"));
        assertEquals(0, engineCalls.get());
    }

    @Test
    void withoutABotTokenOnlyTheExplicitMappingIdentifiesUsers() throws Exception {
        send(service(null), "U0ALICE", "help");
        final List<JsonObject> requests = newRequests();
        assertEquals(1, requests.size(), "no users.info call without a token");
        assertTrue(text(requests.get(0)).contains("Slack does not show your e-mail address"));
        assertEquals(0, engineCalls.get());
    }

    @Test
    void aMappedUserConfirmsAndTheBuildStartsInAThread() throws Exception {
        final SlashCommandService service = service(SlackDouble.BOT_TOKEN);
        send(service, "U0ALICE", "ship checkout 2.3.1 to prod as a canary");
        List<JsonObject> requests = newRequests();
        final JsonObject question = requests.get(requests.size() - 1);
        assertEquals("ephemeral", payload(question).get("response_type").getAsString());
        assertTrue(text(question).startsWith("Run delivery/deploy (deploy_service) with service=checkout, version=2.3.1,"
                + " environment=prod"), text(question));
        assertTrue(question.get("body").getAsString().contains("Answer with `/bellwether yes` to run it"));
        assertTrue(jenkins.scheduled.isEmpty(), "nothing runs before the yes");

        send(service, "U0ALICE", "yes");
        assertEquals(List.of("alice delivery/deploy {service=checkout, version=2.3.1, environment=prod, strategy=canary,"
                + " canary_weight=5pct}"), jenkins.scheduled);
        requests = newRequests();
        final JsonObject announcement = requests.get(requests.size() - 1);
        assertEquals("/api/chat.postMessage", announcement.get("path").getAsString());
        assertEquals("C0PLATFORM", payload(announcement).get("channel").getAsString());
        assertEquals("▶️ <@U0ALICE> started *delivery/deploy* as Jenkins user `alice`. The result will follow here.",
                text(announcement));
        final ChatThread thread = jenkins.lastThread;
        assertNotNull(thread.threadTs(), "the announcement's ts opens the thread");

        service.buildFinished(new BuildOutcome("delivery/deploy", 7, "SUCCESS", "http://ci/job/delivery/job/deploy/7/", 61_000),
                thread);
        final JsonObject result = newRequests().get(0);
        assertEquals("/api/chat.postMessage", result.get("path").getAsString());
        assertEquals(thread.threadTs(), payload(result).get("thread_ts").getAsString());
        assertEquals("✅ *delivery/deploy* #7 finished: SUCCESS after 1 min 1 s.", text(result));

        // The turn ran as the mapped Jenkins user, in the channel the registry knows by name.
        final String audit = Files.readString(stateDir.resolve("audit.jsonl"), StandardCharsets.UTF_8);
        assertTrue(audit.contains("\"user\":\"alice\""), audit);
        assertTrue(audit.contains("\"channel\":\"platform-ops\""), audit);
    }

    @Test
    void withoutABotTokenTheResponseUrlCarriesAnnouncementAndResult() throws Exception {
        final SlashCommandService service = service(null);
        send(service, "U0DAVE", "ship checkout 2.3.1 to prod as a canary");
        send(service, "U0DAVE", "yes");
        assertEquals(1, jenkins.scheduled.size());
        final List<JsonObject> requests = newRequests();
        final JsonObject announcement = requests.get(requests.size() - 1);
        assertTrue(announcement.get("path").getAsString().startsWith("/commands/"));
        assertEquals("in_channel", payload(announcement).get("response_type").getAsString());
        final ChatThread thread = jenkins.lastThread;
        assertNull(thread.threadTs());
        service.buildFinished(new BuildOutcome("delivery/deploy", 8, "FAILURE", null, 5_000), thread);
        final JsonObject result = newRequests().get(0);
        assertEquals(thread.responseUrl().getPath(), result.get("path").getAsString());
        assertEquals("🛑 *delivery/deploy* #8 finished: FAILURE after 5 s.", text(result));
    }

    @Test
    void anIntentTheRegistryMarksDryRunIsShownToTheAskerAndNeverStarted() throws Exception {
        final Path registry = Files.writeString(stateDir.resolve("dry-run-jobs.yaml"), String.join("\n",
                "deploy_service:",
                "  description: Deploy a version of a service",
                "  jenkins_job: delivery/deploy",
                "  dry_run: true",
                "  examples: [ship checkout 2.3.1 to prod]",
                "  parameters:",
                "    - {name: service, required: true, aliases: [app]}",
                "    - {name: version, required: true, pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$'}",
                "    - {name: environment, required: true, type: choice, choices: [dev, staging, prod]}",
                ""), StandardCharsets.UTF_8);
        final SlashCommandService service = service(SlackDouble.BOT_TOKEN, registry.toString(), ON_THIS_THREAD);
        send(service, "U0ALICE", "ship checkout 2.3.1 to prod");
        send(service, "U0ALICE", "yes");
        assertTrue(jenkins.scheduled.isEmpty(), "a dry-run intent never starts a build");
        final List<JsonObject> requests = newRequests();
        assertTrue(requests.stream().noneMatch(r -> r.get("path").getAsString().startsWith("/api/chat.postMessage")),
                "nothing is announced in the channel");
        final JsonObject shown = requests.get(requests.size() - 1);
        assertEquals("ephemeral", payload(shown).get("response_type").getAsString());
        assertEquals("🧪 Dry run: *delivery/deploy* was not started; the job registry marks `deploy_service` as a dry run.",
                text(shown));
        assertTrue(shown.get("body").getAsString().contains("service=checkout · version=2.3.1 · environment=prod"),
                shown.get("body").getAsString());
        assertEquals(2, engineCalls.get());
    }

    @Test
    void aUserWithoutBuildPermissionIsRefusedAfterTheYes() throws Exception {
        final SlashCommandService service = service(SlackDouble.BOT_TOKEN);
        send(service, "U0CAROL", "ship checkout 2.3.1 to prod as a canary");
        send(service, "U0CAROL", "yes");
        assertTrue(jenkins.scheduled.isEmpty());
        final List<JsonObject> requests = newRequests();
        final JsonObject refusal = requests.get(requests.size() - 1);
        assertEquals("ephemeral", payload(refusal).get("response_type").getAsString());
        assertEquals("⛔ Not run: Jenkins user carol may not build delivery/deploy.", text(refusal));
    }

    @Test
    void aJobThatLacksARegistryParameterIsNotStarted() throws Exception {
        jenkins.parameters.put("delivery/deploy", List.of("service", "version", "environment"));
        final SlashCommandService service = service(SlackDouble.BOT_TOKEN);
        send(service, "U0ALICE", "ship checkout 2.3.1 to prod as a canary");
        send(service, "U0ALICE", "yes");
        assertTrue(jenkins.scheduled.isEmpty());
        final List<JsonObject> requests = newRequests();
        assertEquals("⛔ Not run: delivery/deploy has no parameter strategy, canary_weight; the job registry and the job"
                + " disagree.", text(requests.get(requests.size() - 1)));
    }

    @Test
    void anEngineErrorIsShownToTheAskerOnly() throws Exception {
        send(service(SlackDouble.BOT_TOKEN, stateDir.resolve("missing.yaml").toString(), ON_THIS_THREAD), "U0ALICE", "help");
        final List<JsonObject> requests = newRequests();
        final JsonObject answer = requests.get(requests.size() - 1);
        assertEquals("ephemeral", payload(answer).get("response_type").getAsString());
        assertTrue(text(answer).startsWith("🛑 Bellwether could not answer: "), text(answer));
        assertTrue(text(answer).contains("missing.yaml"), text(answer));
        assertEquals(1, engineCalls.get());
    }

    @Test
    void slacksCertificateCheckIsAcknowledgedAndIgnored() throws Exception {
        final byte[] body = "ssl_check=1&token=x".getBytes(StandardCharsets.UTF_8);
        final String ts = String.valueOf(NOW);
        final SlashCommandService.Ack ack = service(null).receive(ts, new SlackSignature(SECRET, CLOCK).sign(ts, body), body);
        assertEquals(200, ack.status());
        assertEquals(0, engineCalls.get());
        assertTrue(newRequests().isEmpty());
    }

    @Test
    void aFullQueueAnswersBusyAtOnce() throws Exception {
        final Executor full = task -> {
            throw new RejectedExecutionException("queue full");
        };
        final SlashCommandService.Ack ack = send(service(null, registry(), full), "U0ALICE", "help");
        assertEquals(200, ack.status());
        assertEquals("application/json; charset=utf-8", ack.contentType());
        assertTrue(JsonParser.parseString(ack.body()).getAsJsonObject().get("text").getAsString().contains("busy"));
        assertEquals(0, engineCalls.get());
    }

    @Test
    void aResponseUrlOutsideTheAllowedHostsIsRefusedBeforeAnythingRuns() throws Exception {
        final Map<String, String> f = new LinkedHashMap<>();
        f.put("team_id", "T0001");
        f.put("channel_id", "C0PLATFORM");
        f.put("user_id", "U0ALICE");
        f.put("command", "/bellwether");
        f.put("text", "help");
        f.put("response_url", URI.create("http://10.0.0.1/internal").toString());
        final byte[] body = FormBody.encode(f).getBytes(StandardCharsets.UTF_8);
        final String ts = String.valueOf(NOW);
        final SlashCommandService.Ack ack = service(null).receive(ts, new SlackSignature(SECRET, CLOCK).sign(ts, body), body);
        assertEquals(400, ack.status());
        assertFalse(ack.body().contains("/internal"));
        assertEquals(0, engineCalls.get());
    }
}
