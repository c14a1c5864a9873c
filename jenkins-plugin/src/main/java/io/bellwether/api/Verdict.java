package io.bellwether.api;

import java.util.List;

/**
 * The answer of {@link Bellwether#analyze}: the canary verdict. The full per-metric statistics
 * stay in the JSON; this record carries what a build page and a pipeline act on.
 *
 * @param action promote, slow or rollback
 * @param score 0-100
 * @param reason one line a person can check
 * @param decidingWindow index into windows of the window that decided, or null
 * @param metrics the deciding window's metrics
 * @param windows every analysed window
 * @param warnings data-quality and source notes
 */
public record Verdict(String action, double score, String reason, Integer decidingWindow, List<Metric> metrics,
        List<Window> windows, List<String> warnings) {

    /** @param classification pass, high, low, nodata or error */
    public record Metric(String name, String classification, boolean critical, Double pValue, Double estimate,
            String reason) {
    }

    /**
     * @param status pass, marginal, fail or nodata
     * @param decision what the policy concluded after this window
     */
    public record Window(int index, double start, double end, String status, double score, String decision) {
    }

    public boolean promote() {
        return "promote".equals(action);
    }

    public boolean rollback() {
        return "rollback".equals(action);
    }

    /** Reads a verdict JSON; a malformed one is a BellwetherException (input) naming the field. */
    public static Verdict fromJson(String json) {
        JsonFields v = JsonFields.parse("Verdict", json);
        return new Verdict(v.text("action"), v.number("score"), v.text("reason"), v.optionalInteger("deciding_window"),
                v.objects("metrics", m -> new Metric(m.text("name"), m.text("classification"),
                        m.optionalFlag("critical", false), m.optionalNumber("p_value"), m.optionalNumber("estimate"),
                        m.optionalText("reason"))),
                v.objects("windows", w -> new Window((int) w.number("index"), w.number("start"), w.number("end"),
                        w.text("status"), w.number("score"), w.optionalText("decision"))),
                v.texts("warnings"));
    }
}
