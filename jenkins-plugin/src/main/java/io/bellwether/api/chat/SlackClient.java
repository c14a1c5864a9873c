package io.bellwether.api.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The three Slack calls the plugin makes: a delayed answer to a slash command's response_url,
 * chat.postMessage (to start a thread and to post into it), and users.info (for the e-mail a
 * Slack user maps by). Redirects are not followed, so a bot token only ever goes to the API base.
 */
public final class SlackClient {
    public static final URI SLACK_API = URI.create("https://slack.com/api/");
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpClient http;
    private final URI apiBase;
    private final Duration timeout;

    /** @param apiBase the Web API base ending in "/", {@link #SLACK_API} outside tests */
    public SlackClient(URI apiBase, Duration timeout) {
        this.apiBase = Objects.requireNonNull(apiBase, "apiBase");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Answers a slash command through its response_url (valid 30 minutes, up to five times). */
    public void respond(URI responseUrl, SlackMessage message) throws SlackCallFailed, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(responseUrl).timeout(timeout).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(message.forResponseUrl(), StandardCharsets.UTF_8)).build();
        // The path of a response_url is its secret; errors name only the host.
        final String where = "response_url at " + responseUrl.getHost();
        final HttpResponse<String> response = send(request, where);
        if (response.statusCode() / 100 != 2) {
            throw new SlackCallFailed(where + " answered HTTP " + response.statusCode() + ": " + brief(response.body()));
        }
    }

    /** Posts into a channel (into a thread when threadTs is set); returns the new message's ts. */
    public String post(String botToken, String channelId, String threadTs, SlackMessage message)
            throws SlackCallFailed, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(apiBase.resolve("chat.postMessage")).timeout(timeout)
                .header("Content-Type", JSON).header("Authorization", "Bearer " + botToken)
                .POST(HttpRequest.BodyPublishers.ofString(message.forChannel(channelId, threadTs), StandardCharsets.UTF_8))
                .build();
        final JsonObject answer = webApiAnswer("chat.postMessage", request);
        final JsonElement ts = answer.get("ts");
        if (ts == null || !ts.isJsonPrimitive()) {
            throw new SlackCallFailed("chat.postMessage answered ok without a ts");
        }
        return ts.getAsString();
    }

    /**
     * The e-mail address of a Slack user, empty when Slack does not show it (the app lacks the
     * users:read.email scope, or the user is a bot).
     */
    public Optional<String> emailOf(String botToken, String userId) throws SlackCallFailed, InterruptedException {
        final URI uri = apiBase.resolve("users.info?user=" + URLEncoder.encode(userId, StandardCharsets.UTF_8));
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + botToken).GET().build();
        final JsonObject answer = webApiAnswer("users.info", request);
        final JsonObject profile = object(object(answer, "user"), "profile");
        final JsonElement email = profile == null ? null : profile.get("email");
        if (email == null || !email.isJsonPrimitive() || email.getAsString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(email.getAsString().strip());
    }

    private JsonObject webApiAnswer(String method, HttpRequest request) throws SlackCallFailed, InterruptedException {
        final HttpResponse<String> response = send(request, method);
        if (response.statusCode() != 200) {
            throw new SlackCallFailed(method + " answered HTTP " + response.statusCode() + ": " + brief(response.body()));
        }
        final JsonObject answer;
        try {
            final JsonElement parsed = JsonParser.parseString(response.body());
            if (!parsed.isJsonObject()) {
                throw new SlackCallFailed(method + " answered something other than a JSON object");
            }
            answer = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new SlackCallFailed(method + " answered malformed JSON");
        }
        final JsonElement ok = answer.get("ok");
        if (ok == null || !ok.isJsonPrimitive() || !ok.getAsBoolean()) {
            final JsonElement error = answer.get("error");
            throw new SlackCallFailed(method + " failed: " + (error == null ? "no error given" : brief(error.getAsString())));
        }
        return answer;
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws SlackCallFailed, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SlackCallFailed(what + " could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    private static JsonObject object(JsonObject parent, String name) {
        if (parent == null) {
            return null;
        }
        final JsonElement child = parent.get(name);
        return child != null && child.isJsonObject() ? child.getAsJsonObject() : null;
    }

    private static String brief(String body) {
        final String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
