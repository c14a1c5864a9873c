package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggeredJobTest {
    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    @Test
    void theDryRunRequestGivesEveryParameterInOrder() {
        final TriggeredJob job = TriggeredJob.from(json("{\"state\":\"triggered\",\"job\":\"delivery/deploy\","
                + "\"params\":{\"service\":\"checkout\"},\"request\":{\"method\":\"POST\",\"url\":\"${JENKINS_URL}/job/delivery"
                + "/job/deploy/buildWithParameters\",\"body\":\"service=checkout&version=2.3.1&environment=prod"
                + "&strategy=canary&canary_weight=5pct&note=a%20b%26c\"}}")).orElseThrow();
        assertEquals("delivery/deploy", job.job());
        assertEquals(List.of("service", "version", "environment", "strategy", "canary_weight", "note"),
                List.copyOf(job.parameters().keySet()));
        assertEquals("a b&c", job.parameters().get("note"));
        assertEquals(List.of("canary_weight", "note"),
                job.undefinedIn(List.of("service", "version", "environment", "strategy")));
    }

    @Test
    void withoutTheRequestOnlyStatedValuesAreKnown() {
        final TriggeredJob job = TriggeredJob.from(json("{\"state\":\"triggered\",\"job\":\"a\",\"params\":{\"n\":3,"
                + "\"name\":\"x\"}}")).orElseThrow();
        assertEquals(Map.of("n", "3", "name", "x"), job.parameters());
    }

    @Test
    void theRegistrysDryRunIsReadFromTheAnswerNotFromThisTurn() {
        // The plugin's turns are dry runs themselves; only intent_dry_run says the registry asks for one.
        assertTrue(TriggeredJob.from(json("{\"state\":\"triggered\",\"job\":\"a\",\"dry_run\":true,"
                + "\"intent_dry_run\":true}")).orElseThrow().registryDryRun());
        assertFalse(TriggeredJob.from(json("{\"state\":\"triggered\",\"job\":\"a\",\"dry_run\":true,"
                + "\"intent_dry_run\":false}")).orElseThrow().registryDryRun());
        assertFalse(TriggeredJob.from(json("{\"state\":\"triggered\",\"job\":\"a\",\"dry_run\":true}")).orElseThrow()
                .registryDryRun());
    }

    @Test
    void onlyTriggeredAnswersStartAJob() {
        assertFalse(TriggeredJob.from(json("{\"state\":\"confirm\",\"job\":\"a\"}")).isPresent());
        assertFalse(TriggeredJob.from(json("{\"state\":\"cancelled\"}")).isPresent());
        assertThrows(IllegalArgumentException.class, () -> TriggeredJob.from(json("{\"state\":\"triggered\",\"job\":null}")));
    }

    @Test
    void theTurnRequestIsAlwaysADryRunForTheMappedUser() {
        final JsonObject r = json(new IntentTurnRequest("/etc/jobs.yaml", "/var/jenkins/bellwether/chat", "slack-T1",
                "alice", "C0PLATFORM", "deploy \"checkout\" <now>").toJson());
        assertEquals("/etc/jobs.yaml", r.get("registry_path").getAsString());
        assertEquals("/var/jenkins/bellwether/chat", r.get("state_dir").getAsString());
        assertEquals("slack-T1", r.get("session").getAsString());
        assertEquals("alice", r.get("user").getAsString());
        assertEquals("C0PLATFORM", r.get("channel").getAsString());
        assertEquals("deploy \"checkout\" <now>", r.get("text").getAsString());
        assertTrue(r.get("dry_run").getAsBoolean());
        assertEquals(20, r.get("rate_limit").getAsInt());
    }
}
