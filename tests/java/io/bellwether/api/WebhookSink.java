package io.bellwether.api;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tests/doubles/webhook_sink.py (Slack, Teams and Discord cannot be reached here) on a free
 * loopback port, and what it received. The script's path comes from -Dbellwether.webhook.sink.
 */
final class WebhookSink implements AutoCloseable {
    private final Process process;
    private final Path directory;
    private final Path log;
    private final String base;

    /** @param options the sink's own, e.g. {@code --status 500} */
    WebhookSink(String... options) throws IOException, InterruptedException {
        directory = Files.createTempDirectory("bellwether-sink-");
        log = directory.resolve("requests.jsonl");
        final Path portFile = directory.resolve("port");
        final List<String> command = new ArrayList<>(List.of("/usr/bin/python3",
                Fixtures.property("bellwether.webhook.sink").toString(), "--port", "0", "--port-file", portFile.toString(),
                "--log", log.toString()));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // The sink writes its port file atomically once it listens; startup is what is awaited here.
        for (int i = 0; i < 400 && !Files.exists(portFile); i++) {
            if (!process.isAlive()) {
                throw new IOException("webhook_sink.py exited with " + process.exitValue());
            }
            Thread.sleep(25);
        }
        if (!Files.exists(portFile)) {
            close();
            throw new IOException("webhook_sink.py did not write its port file");
        }
        base = "http://127.0.0.1:" + Files.readString(portFile).strip();
    }

    /** A URL on the sink; its path tells the sink which service to answer like. */
    String url(String path) {
        return base + path;
    }

    /** Every request received, oldest first: {method, path, headers, body, body_base64}. */
    List<JsonObject> requests() throws IOException {
        final List<JsonObject> out = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                out.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        return out;
    }

    /** The exact bytes of request {@code index}'s body. */
    byte[] body(int index) throws IOException {
        return Base64.getDecoder().decode(requests().get(index).get("body_base64").getAsString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a leftover temporary directory is not a test failure
        }
    }
}
