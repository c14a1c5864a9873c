package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildSummaryTest {
    // Shaped like `bellwether decide` and `bellwether analyze` answers on the examples.
    static final String DECISION = "{\"allowed\":true,\"approval_required\":false,\"gates\":[{\"allowed\":true,"
            + "\"name\":\"error_budget\",\"reason\":\"remaining error budget 0.62 >= minimum 0.1\"},{\"allowed\":true,"
            + "\"name\":\"max_risk\",\"reason\":\"risk 38.5 <= maximum 90\"}],\"model\":{\"kind\":\"heuristic\"},"
            + "\"pace\":{\"pause\":\"5m\",\"steps\":[10.0,25.0,50.0,100.0]},\"risk_score\":38.46,\"strategy\":\"canary\"}";
    static final String BLOCKED = "{\"allowed\":false,\"approval_required\":true,\"gates\":[{\"allowed\":true,\"name\":\"a\","
            + "\"reason\":\"ok\"},{\"allowed\":false,\"name\":\"freeze\",\"reason\":\"change freeze until 2026-12-27\"}],"
            + "\"pace\":{\"steps\":[100.0]},\"risk_score\":91.0,\"strategy\":\"bluegreen\"}";
    static final String APPROVAL = "{\"approval_required\":true,\"gates\":[],\"risk_score\":72.25,\"strategy\":\"canary\"}";
    static final String ROLLBACK = "{\"action\":\"rollback\",\"score\":0.0,\"reason\":\"rollback: critical metric "
            + "error_rate failed in window 2\",\"deciding_window\":1,\"metrics\":[],\"windows\":[],\"warnings\":[]}";

    @Test
    void aDecisionAlone() {
        final BuildSummary s = BuildSummary.of(DECISION, null);
        assertTrue(s.hasDecision());
        assertFalse(s.hasVerdict());
        assertEquals("38.5", s.getRiskScoreText());
        assertEquals("canary", s.getStrategy());
        assertEquals("10% → 25% → 50% → 100%, pause 5m", s.getPace());
        assertNull(s.getBlockingGate());
        assertEquals("CANARY", s.getHeadline());
        assertEquals(Tone.INFO, s.getTone());
    }

    @Test
    void aBlockedDecisionIsRedAndNamesTheGate() {
        final BuildSummary s = BuildSummary.of(BLOCKED, null);
        assertEquals("freeze: change freeze until 2026-12-27", s.getBlockingGate());
        assertEquals("BLOCKED", s.getHeadline());
        assertEquals(Tone.DANGER, s.getTone());
        assertEquals("100%", s.getPace());
    }

    @Test
    void approvalNeededIsAmber() {
        final BuildSummary s = BuildSummary.of(APPROVAL, null);
        assertEquals("APPROVAL NEEDED", s.getHeadline());
        assertEquals(Tone.WARNING, s.getTone());
        assertEquals("72.3", s.getRiskScoreText());
    }

    @Test
    void theVerdictDecidesTheBadge() {
        final BuildSummary s = BuildSummary.of(DECISION, ROLLBACK);
        assertEquals("ROLLBACK", s.getHeadline());
        assertEquals(Tone.DANGER, s.getTone());
        assertEquals("bellwether-badge--danger", s.getTone().getCssClass());
        assertEquals("symbol-status-red", s.getTone().getIcon());
        assertEquals("rollback: critical metric error_rate failed in window 2", s.getReason());
        assertEquals(0.0, s.getScore());
        assertEquals("38.5", s.getRiskScoreText(), "the decision is still shown");
        assertEquals(Tone.SUCCESS, BuildSummary.of(null, "{\"action\":\"promote\",\"score\":100}").getTone());
        assertEquals(Tone.WARNING, BuildSummary.of(null, "{\"action\":\"slow\",\"score\":50}").getTone());
    }

    @Test
    void nothingStoredAndBrokenFiles() {
        final BuildSummary empty = BuildSummary.of(null, "");
        assertFalse(empty.hasDecision());
        assertEquals("NO DECISION", empty.getHeadline());
        assertEquals("–", empty.getRiskScoreText());
        assertThrows(IllegalArgumentException.class, () -> BuildSummary.of("{\"risk_score\":", null));
        assertThrows(IllegalArgumentException.class, () -> BuildSummary.of(null, "[1,2]"));
    }
}
