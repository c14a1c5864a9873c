package io.bellwether.api.chat;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests the pipeline steps send to {@code io.bellwether.api.Bellwether}, built on the agent:
 * file arguments are relative to the workspace or absolute, and are resolved there with the
 * agent's own path rules, then passed as {@code *_path} fields for the core to read.
 */
public final class NativeRequests {
    private NativeRequests() {}

    /** decide: {changes_path, policy_path?, model_path?}. */
    public static String decide(Path workspace, String changes, String policy, String model) {
        final JsonObject request = new JsonObject();
        request.addProperty("changes_path", resolve(workspace, required("changes", changes)));
        putPath(request, "policy_path", workspace, policy);
        putPath(request, "model_path", workspace, model);
        return json(request);
    }

    /** analyze: {config_path, metrics_path?, var?, watch?}. */
    public static String analyze(Path workspace, String config, String metrics, Map<String, String> vars, boolean watch) {
        return analyze(workspace, config, metrics, vars, watch, null);
    }

    /**
     * analyze with Jenkins' Prometheus connection, {@code prometheus?}: only when the samples come
     * from Prometheus, that is without a metrics file.
     */
    public static String analyze(Path workspace, String config, String metrics, Map<String, String> vars, boolean watch,
            PrometheusAccess prometheus) {
        final JsonObject request = new JsonObject();
        request.addProperty("config_path", resolve(workspace, required("config", config)));
        putPath(request, "metrics_path", workspace, metrics);
        if (prometheus != null && !prometheus.isEmpty() && !request.has("metrics_path")) {
            request.add("prometheus", prometheus.toJson());
        }
        if (!vars.isEmpty()) {
            final JsonObject var = new JsonObject();
            vars.forEach(var::addProperty);
            request.add("var", var);
        }
        if (watch) {
            request.addProperty("watch", true);
        }
        return json(request);
    }

    /** report: {verdict, decision?} inline, as stored beside the build. */
    public static String report(String verdictJson, String decisionJson) {
        final JsonObject request = new JsonObject();
        request.add("verdict", object("verdict", verdictJson));
        if (decisionJson != null) {
            request.add("decision", object("decision", decisionJson));
        }
        return json(request);
    }

    /** The HTML of a report answer ({html}). */
    public static String html(String reportAnswer) {
        final JsonElement html = object("report answer", reportAnswer).get("html");
        if (html == null || !html.isJsonPrimitive()) {
            throw new IllegalArgumentException("the report answer has no html");
        }
        return html.getAsString();
    }

    /** A file argument: relative to the workspace, or absolute. */
    public static String resolve(Path workspace, String path) {
        return workspace.resolve(path.strip()).normalize().toString();
    }

    /**
     * The CLI's {@code --var name=value} pairs, as the steps take them:
     * {@code vars: ['service=checkout', 'env=prod']}.
     */
    public static Map<String, String> vars(List<String> pairs) {
        final Map<String, String> vars = new LinkedHashMap<>();
        if (pairs == null) {
            return vars;
        }
        for (String pair : pairs) {
            final int eq = pair == null ? -1 : pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("vars: expected name=value, got \"" + pair + "\"");
            }
            if (vars.put(pair.substring(0, eq).strip(), pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("vars: " + pair.substring(0, eq).strip() + " is given twice");
            }
        }
        return vars;
    }

    private static void putPath(JsonObject request, String field, Path workspace, String path) {
        if (path != null && !path.isBlank()) {
            request.addProperty(field, resolve(workspace, path));
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static JsonObject object(String what, String json) {
        if (json == null) {
            throw new IllegalArgumentException("no " + what + " was given");
        }
        try {
            final JsonElement e = JsonParser.parseString(json);
            if (e.isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the " + what + " is not JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the " + what + " is not a JSON object");
    }

    private static String json(JsonObject request) {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(request);
    }
}
