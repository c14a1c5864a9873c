package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the pipeline steps rely on: returned maps, failOn, step labels and the agent-side requests. */
class StepSupportTest {
    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    @Test
    void answersBecomePlainMapsWithCountsAndMeasurements() {
        final Map<String, Object> d = JsonValues.object(
                "{\"risk_score\":38.46,\"n\":240,\"zero\":0.0,\"big\":123456789012345678901,\"ok\":true,\"none\":null,"
                + "\"pace\":{\"steps\":[10.0,25.0],\"pause\":\"5m\"},\"missing\":[]}");
        assertEquals(38.46, d.get("risk_score"));
        assertEquals(240L, d.get("n"));
        assertEquals(0.0, d.get("zero"));
        assertEquals(1.2345678901234568E20, d.get("big"));
        assertEquals(Boolean.TRUE, d.get("ok"));
        assertTrue(d.containsKey("none"));
        assertNull(d.get("none"));
        assertTrue(d instanceof LinkedHashMap);
        @SuppressWarnings("unchecked")
        final Map<String, Object> pace = (Map<String, Object>) d.get("pace");
        assertEquals(List.of(10.0, 25.0), pace.get("steps"));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.object("[1]"));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.object("{"));
    }

    @Test
    void failOnIsTheClisFailOn() {
        assertNull(FailOn.parse(null));
        assertNull(FailOn.parse(" "));
        assertTrue(FailOn.parse("rollback").failsOn("rollback"));
        assertFalse(FailOn.parse("rollback").failsOn("slow"));
        assertTrue(FailOn.parse("Slow").failsOn("slow"));
        assertTrue(FailOn.parse("slow").failsOn("rollback"));
        assertFalse(FailOn.parse("slow").failsOn("promote"));
        assertEquals("failOn must be slow or rollback, got \"never\"",
                assertThrows(IllegalArgumentException.class, () -> FailOn.parse("never")).getMessage());
    }

    @Test
    void stepLabelsShowTheFilesGiven() {
        final Map<String, Object> args = new LinkedHashMap<>();
        args.put("changes", "build/changes.json");
        args.put("policy", "policy.yaml");
        args.put("model", "");
        assertEquals("build/changes.json (policy: policy.yaml)", StepArguments.describe(args, "changes", "policy", "model"));
        assertEquals("slo.yaml", StepArguments.describe(Map.of("config", "slo.yaml"), "config", "metrics"));
        assertNull(StepArguments.describe(Map.of("policy", "p.yaml"), "changes", "policy"));
        final String long1 = StepArguments.describe(Map.of("config", "x".repeat(200)), "config");
        assertEquals(120, long1.length());
        assertTrue(long1.endsWith("…"));
    }

    @Test
    void agentRequestsResolvePathsAgainstTheWorkspace() {
        final Path ws = Path.of("/var/lib/jenkins/workspace/app");
        final JsonObject decide = json(NativeRequests.decide(ws, "changes.json", "/etc/bellwether/policy.yaml", null));
        assertEquals("/var/lib/jenkins/workspace/app/changes.json", decide.get("changes_path").getAsString());
        assertEquals("/etc/bellwether/policy.yaml", decide.get("policy_path").getAsString());
        assertFalse(decide.has("model_path"));
        final JsonObject analyze = json(NativeRequests.analyze(ws, "ci/../slo.yaml", "m.csv",
                NativeRequests.vars(List.of("service=checkout", "q=a=b")), true));
        assertEquals("/var/lib/jenkins/workspace/app/slo.yaml", analyze.get("config_path").getAsString());
        assertEquals("/var/lib/jenkins/workspace/app/m.csv", analyze.get("metrics_path").getAsString());
        assertEquals("checkout", analyze.getAsJsonObject("var").get("service").getAsString());
        assertEquals("a=b", analyze.getAsJsonObject("var").get("q").getAsString());
        assertTrue(analyze.get("watch").getAsBoolean());
        assertFalse(json(NativeRequests.analyze(ws, "slo.yaml", null, Map.of(), false)).has("var"));
        assertThrows(IllegalArgumentException.class, () -> NativeRequests.decide(ws, " ", null, null));
    }

    @Test
    void varsAreNameValuePairs() {
        assertEquals(Map.of(), NativeRequests.vars(null));
        assertEquals("vars: expected name=value, got \"checkout\"",
                assertThrows(IllegalArgumentException.class, () -> NativeRequests.vars(List.of("checkout"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeRequests.vars(List.of("=x")));
        assertThrows(IllegalArgumentException.class, () -> NativeRequests.vars(List.of("a=1", "a=2")));
        assertThrows(IllegalArgumentException.class, () -> NativeRequests.vars(Arrays.asList("a=1", null)));
    }

    @Test
    void theReportRequestCarriesTheStoredDocumentsInline() {
        final JsonObject r = json(NativeRequests.report(BuildSummaryTest.ROLLBACK, BuildSummaryTest.DECISION));
        assertEquals("rollback", r.getAsJsonObject("verdict").get("action").getAsString());
        assertEquals("canary", r.getAsJsonObject("decision").get("strategy").getAsString());
        assertFalse(json(NativeRequests.report(BuildSummaryTest.ROLLBACK, null)).has("decision"));
        assertThrows(IllegalArgumentException.class, () -> NativeRequests.report(null, null));
        assertEquals("<html></html>", NativeRequests.html("{\"html\":\"<html></html>\"}"));
        assertThrows(IllegalArgumentException.class, () -> NativeRequests.html("{\"text\":1}"));
    }
}
