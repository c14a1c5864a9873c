package io.bellwether.api.chat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts tests/doubles/slack_double.py (Slack cannot run here) and reads back what it received.
 * The script's path comes from -Dbellwether.slack.double.
 */
final class SlackDouble implements AutoCloseable {
    static final String BOT_TOKEN = "xoxb-test-1234567890-secret";

    private final Process process;
    private final URI base;

    SlackDouble(String... extraArgs) throws IOException {
        final String script = System.getProperty("bellwether.slack.double");
        if (script == null) {
            throw new IllegalStateException("-Dbellwether.slack.double is not set");
        }
        final List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script, "--token", BOT_TOKEN));
        command.addAll(List.of(extraArgs));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (first == null || !first.startsWith("PORT ")) {
            process.destroy();
            throw new IOException("slack_double.py did not start: " + first);
        }
        base = URI.create("http://127.0.0.1:" + first.substring(5).strip() + "/");
    }

    URI apiBase() {
        return base.resolve("api/");
    }

    URI responseUrl(String id) {
        return base.resolve("commands/T0001/" + id + "/s3cr3tpath");
    }

    /** Every request the double received, oldest first: {method, path, headers, body}. */
    List<JsonObject> requests() throws IOException, InterruptedException {
        final HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("_requests")).GET().build(), HttpResponse.BodyHandlers.ofString());
        final JsonArray all = JsonParser.parseString(r.body()).getAsJsonArray();
        final List<JsonObject> out = new ArrayList<>();
        all.forEach(e -> out.add(e.getAsJsonObject()));
        return out;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
