package io.bellwether.api.chat;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code bellwetherNotify} needs besides Jenkins: the target, which webhook credential serves
 * it, and the request for {@code Bellwether.notify}. The webhook URL, which carries the service's
 * token, is only ever in the request.
 */
public final class ChatNotification {
    /** The services, as the CLI's {@code --to} names them. */
    public static final List<String> TARGETS = List.of("slack", "teams", "discord", "webhook");

    private ChatNotification() {}

    /** The target in the CLI's spelling; IllegalArgumentException naming the choices otherwise. */
    public static String target(String to) {
        final String t = to == null ? "" : to.strip().toLowerCase(Locale.ROOT);
        if (!TARGETS.contains(t)) {
            throw new IllegalArgumentException("to must be slack, teams, discord or webhook, got \"" + to + "\"");
        }
        return t;
    }

    /**
     * The credential holding the webhook URL: the step's own, else the configured default for the
     * target.
     *
     * @param defaults target → credential ID, as the global configuration holds them
     */
    public static String credentialsId(String target, String given, Map<String, String> defaults) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        final String configured = defaults.get(target);
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("no credentialsId was given, and no default " + target
                    + " webhook credential is configured (Manage Jenkins → System → Bellwether)");
        }
        return configured.strip();
    }

    /**
     * The notify request, with the event inline.
     *
     * @param eventJson the event file's content: a Decision, a Verdict, a triggered Intent answer or a build status
     * @param buildUrl the build's page, or null
     * @param reportUrl the HTML report, or null
     * @param title replaces the title made from the event, or null
     */
    public static String request(String target, String webhookUrl, String eventJson, String buildUrl, String reportUrl,
            String title) {
        final JsonObject request = new JsonObject();
        request.addProperty("to", target(target));
        request.addProperty("url", webhookUrl);
        request.add("event", event(eventJson));
        putIfGiven(request, "build_url", buildUrl);
        putIfGiven(request, "report_url", reportUrl);
        putIfGiven(request, "title", title);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(request);
    }

    private static JsonObject event(String json) {
        if (json == null) {
            throw new IllegalArgumentException("no event was given");
        }
        try {
            final JsonElement e = JsonParser.parseString(json);
            if (e.isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the event is not a JSON object");
    }

    private static void putIfGiven(JsonObject request, String field, String value) {
        if (value != null && !value.isBlank()) {
            request.addProperty(field, value.strip());
        }
    }
}
