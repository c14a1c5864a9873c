package io.bellwether.api;

import java.util.List;

/**
 * The answer of {@link Bellwether#decide}: how to ship a change.
 *
 * @param riskScore 0-100
 * @param strategy canary, bluegreen or rolling
 * @param pace the traffic steps and the pause between them
 * @param approvalRequired the score reached the policy's approval threshold
 * @param allowed every gate allows the deploy
 * @param gates change windows, freezes, error budget, maximum risk
 * @param reasons each factor's contribution to the score
 * @param missing features the change lacks (scored as neutral)
 * @param unknown keys of the change that nothing uses by name
 * @param at unix seconds the gates were evaluated at
 * @param model heuristic or logistic
 * @param probability the model's probability of a rollback (logistic model only)
 */
public record Decision(double riskScore, String strategy, Pace pace, boolean approvalRequired, boolean allowed,
        List<Gate> gates, List<Reason> reasons, List<String> missing, List<String> unknown, double at, String model,
        Double probability) {

    /** Percent of traffic per step, the pause between steps, and (blue/green) the soak time. */
    public record Pace(List<Double> steps, String pause, String soak) {
    }

    public record Gate(String name, boolean allowed, String reason) {
    }

    /** @param value the feature value used, or null when the change lacks it */
    public record Reason(String factor, Double value, double contribution) {
    }

    /** Reads a decision JSON; a malformed one is a BellwetherException (input) naming the field. */
    public static Decision fromJson(String json) {
        JsonFields d = JsonFields.parse("Decision", json);
        JsonFields pace = d.object("pace");
        JsonFields model = d.object("model");
        return new Decision(d.number("risk_score"), d.text("strategy"),
                new Pace(pace.numbers("steps"), pace.optionalText("pause"), pace.optionalText("soak")),
                d.flag("approval_required"), d.flag("allowed"),
                d.objects("gates", g -> new Gate(g.text("name"), g.flag("allowed"), g.text("reason"))),
                d.objects("reasons", r -> new Reason(r.text("factor"), r.optionalNumber("value"), r.number("contribution"))),
                d.texts("missing"), d.texts("unknown"), d.number("at"), model.text("kind"),
                model.optionalNumber("probability"));
    }
}
