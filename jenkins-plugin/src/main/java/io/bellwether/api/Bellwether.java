package io.bellwether.api;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The Bellwether engine in the JVM: each operation takes one JSON request and returns one
 * single-line JSON answer, the same request and answer as the {@code bellwether} CLI's command
 * of that name. A request holds the CLI's options by their long names (dashes as underscores)
 * with the data inline, or a {@code <field>_path} naming a file, for example
 * <pre>{@code Bellwether.decide("{\"changes\": {\"la\": 120, \"nf\": 4}, \"policy_path\": \"policy.yaml\"}")}</pre>
 * Errors are {@link BellwetherException}s. Every method is safe to call from several threads.
 * The native library is loaded on first use (see {@link NativeLoader}).
 */
public final class Bellwether {
    private Bellwether() {
    }

    /** {@code {baseline, candidate, alternative, confidence, non_finite}} → the compare answer. */
    public static String compare(String request) {
        return call("compare", request, NativeBridge::compare);
    }

    /**
     * {@code {config, metrics, var, since, until, watch, report, decision, prometheus}} → the verdict;
     * {@code prometheus: {url, token | username + password, headers}} overrides the config's
     * Prometheus connection, its secrets kept in memory.
     */
    public static String analyze(String request) {
        return call("analyze", request, NativeBridge::analyze);
    }

    /** {@code {changes, policy, model, at}} → the decision. */
    public static String decide(String request) {
        return call("decide", request, NativeBridge::decide);
    }

    /** {@code {data, label, features, date_column, out, l2, test_fraction}} → the trained model. */
    public static String train(String request) {
        return call("train", request, NativeBridge::train);
    }

    /** {@code {model, data, label}} → {@code {auc, brier, log_loss, n, positives, calibration}}. */
    public static String evaluate(String request) {
        return call("evaluate", request, NativeBridge::evaluate);
    }

    /**
     * One chat turn: {@code {registry_path | registry, session, user, channel, text, dry_run, ...}}
     * → the Intent answer. Conversations kept in memory continue across calls in this JVM.
     */
    public static String intentTurn(String request) {
        return call("intent_turn", request, NativeBridge::intentTurn);
    }

    /** {@code {verdict, decision}} → {@code {html}}: the self-contained HTML report. */
    public static String report(String request) {
        return call("report", request, NativeBridge::report);
    }

    /**
     * Posts an event to chat, best effort: {@code {to, url | url_env, event | event_path, build_url,
     * report_url, title, timeout, dry_run}} → {@code {delivered, to, status, attempts, event}}, with
     * the {@code reason} when not delivered (see {@link Delivery}). A post that fails is such an
     * answer, never an exception; only a bad request throws. The webhook URL carries the service's
     * token: it appears in no answer or message.
     */
    public static String notify(String request) {
        return call("notify", request, NativeBridge::notifyChat);
    }

    /** {@code {version}} of the native engine. */
    public static String version() {
        return call("version", "{}", NativeBridge::version);
    }

    /** Prints the engine's version: {@code java -jar bellwether-api.jar} checks the jar's library. */
    public static void main(String[] args) {
        System.out.println(version());
    }

    private static String call(String operation, String request, UnaryOperator<byte[]> bridge) {
        if (request == null) {
            throw new BellwetherException(BellwetherException.INPUT, operation + ": the request is null");
        }
        NativeLoader.load();
        return new String(bridge.apply(request.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
