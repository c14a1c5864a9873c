package io.bellwether.api.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What a build page shows of Bellwether's evidence: the decision's risk, strategy and pace, the
 * verdict's action and reason, and one tone for the badge. Built from the decision and verdict
 * JSON stored beside the build; either may be absent. Getters are bean-style for Jelly views.
 */
public final class BuildSummary {
    private final Double riskScore;
    private final String strategy;
    private final String pace;
    private final boolean approvalRequired;
    private final String blockingGate;
    private final String action;
    private final Double score;
    private final String reason;
    private final Tone tone;

    private BuildSummary(JsonObject decision, JsonObject verdict) {
        riskScore = decision == null ? null : number(decision, "risk_score");
        strategy = decision == null ? null : text(decision, "strategy");
        pace = decision == null ? null : pace(decision);
        approvalRequired = decision != null && flag(decision, "approval_required");
        blockingGate = decision == null ? null : blockingGate(decision);
        action = verdict == null ? null : text(verdict, "action");
        score = verdict == null ? null : number(verdict, "score");
        reason = verdict == null ? null : text(verdict, "reason");
        tone = verdict != null ? Tone.ofAction(action) : decisionTone();
    }

    /**
     * @param decisionJson the answer of decide, or null
     * @param verdictJson the answer of analyze, or null
     * @throws IllegalArgumentException when a given document is not a JSON object
     */
    public static BuildSummary of(String decisionJson, String verdictJson) {
        return new BuildSummary(parse(decisionJson, "decision"), parse(verdictJson, "verdict"));
    }

    public boolean hasDecision() {
        return strategy != null || riskScore != null;
    }

    public boolean hasVerdict() {
        return action != null;
    }

    public Double getRiskScore() {
        return riskScore;
    }

    /** "38.5" — one decimal, as people read a 0–100 score. */
    public String getRiskScoreText() {
        return riskScore == null ? "–" : String.format(Locale.ROOT, "%.1f", riskScore);
    }

    public String getStrategy() {
        return strategy;
    }

    /** "10% → 25% → 50% → 100%, pause 5m" */
    public String getPace() {
        return pace;
    }

    public boolean isApprovalRequired() {
        return approvalRequired;
    }

    /** "name: reason" of the first gate that does not allow the deploy, or null. */
    public String getBlockingGate() {
        return blockingGate;
    }

    /** promote, slow or rollback; null without a verdict. */
    public String getAction() {
        return action;
    }

    public Double getScore() {
        return score;
    }

    public String getReason() {
        return reason;
    }

    public Tone getTone() {
        return tone;
    }

    /** The badge's word: the verdict's action, else what the decision means for the deploy. */
    public String getHeadline() {
        if (action != null) {
            return action.toUpperCase(Locale.ROOT);
        }
        if (blockingGate != null) {
            return "BLOCKED";
        }
        if (approvalRequired) {
            return "APPROVAL NEEDED";
        }
        return strategy == null ? "NO DECISION" : strategy.toUpperCase(Locale.ROOT);
    }

    private Tone decisionTone() {
        if (blockingGate != null) {
            return Tone.DANGER;
        }
        return approvalRequired ? Tone.WARNING : Tone.INFO;
    }

    private static JsonObject parse(String json, String what) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            final JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("the stored " + what + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the stored " + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String pace(JsonObject decision) {
        final JsonElement pace = decision.get("pace");
        if (pace == null || !pace.isJsonObject()) {
            return null;
        }
        final JsonElement steps = pace.getAsJsonObject().get("steps");
        final StringJoiner out = new StringJoiner(" → ");
        if (steps != null && steps.isJsonArray()) {
            steps.getAsJsonArray().forEach(step -> out.add(percent(step)));
        }
        final String pause = text(pace.getAsJsonObject(), "pause");
        return out.toString() + (pause == null ? "" : (out.length() == 0 ? "" : ", ") + "pause " + pause);
    }

    private static String percent(JsonElement step) {
        if (step.isJsonPrimitive() && step.getAsJsonPrimitive().isNumber()) {
            final double v = step.getAsDouble();
            return (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)) + "%";
        }
        return step.isJsonPrimitive() ? step.getAsString() : step.toString();
    }

    private static String blockingGate(JsonObject decision) {
        final JsonElement gates = decision.get("gates");
        if (gates == null || !gates.isJsonArray()) {
            return null;
        }
        for (JsonElement gate : gates.getAsJsonArray()) {
            if (gate.isJsonObject() && gate.getAsJsonObject().has("allowed") && !flag(gate.getAsJsonObject(), "allowed")) {
                final String name = text(gate.getAsJsonObject(), "name");
                final String why = text(gate.getAsJsonObject(), "reason");
                return (name == null ? "gate" : name) + (why == null ? "" : ": " + why);
            }
        }
        return null;
    }

    private static String text(JsonObject o, String name) {
        final JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static Double number(JsonObject o, String name) {
        final JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : null;
    }

    private static boolean flag(JsonObject o, String name) {
        final JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }
}
