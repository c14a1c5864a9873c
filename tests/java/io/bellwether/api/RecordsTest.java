package io.bellwether.api;

import static io.bellwether.api.Fixtures.example;
import static io.bellwether.api.Fixtures.json;
import static io.bellwether.api.Fixtures.quote;
import static io.bellwether.api.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** The typed records carry the answers' values. */
class RecordsTest {
    @Test
    void decisionOfTheExampleChange() {
        String answer = Bellwether.decide("{\"changes\": " + read(example("changes.json")) + ", \"policy\": "
                + quote(read(example("policy.yaml"))) + ", \"at\": \"2026-11-23T10:00:00Z\"}");
        JsonObject raw = json(answer).getAsJsonObject();
        Decision decision = Decision.fromJson(answer);
        assertEquals(raw.get("risk_score").getAsDouble(), decision.riskScore());
        assertEquals(raw.get("strategy").getAsString(), decision.strategy());
        assertEquals(100.0, decision.pace().steps().get(decision.pace().steps().size() - 1));
        assertEquals(raw.getAsJsonArray("gates").size(), decision.gates().size());
        assertEquals(raw.getAsJsonArray("reasons").size(), decision.reasons().size());
        assertEquals("heuristic", decision.model());
        assertNull(decision.probability());
        assertEquals(1795428000.0, decision.at());
    }

    @Test
    void verdictOfARegression() {
        Verdict verdict = Verdict.fromJson(Bellwether.analyze("{\"config_path\": " + quote(example("slo.yaml").toString())
                + ", \"metrics_path\": " + quote(example("metrics-regression.csv").toString()) + "}"));
        assertTrue(verdict.rollback());
        assertFalse(verdict.promote());
        assertTrue(verdict.reason().startsWith("rollback: critical metric error_rate"), verdict.reason());
        assertTrue(verdict.metrics().stream().anyMatch(m -> m.name().equals("error_rate") && m.critical()));
        assertEquals(verdict.decidingWindow().intValue(), verdict.windows().get(verdict.decidingWindow()).index());
    }
}
