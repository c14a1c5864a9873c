package io.bellwether.api.chat;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * The request for one chat turn through {@code Bellwether.intentTurn}: the CLI's intent options
 * by their long names. The turn always runs as a dry run, so the core reaches {@code triggered}
 * with the exact job and parameters but sends nothing; the plugin starts the build itself,
 * inside Jenkins and as the mapped Jenkins user, instead of through the REST API. Each user gets
 * the {@code bellwether chat} command's rate limit, since anyone in the workspace can type.
 */
public record IntentTurnRequest(String registryPath, String stateDir, String session, String user, String channel,
        String text) {
    public static final int RATE_LIMIT_PER_MINUTE = 20;

    public String toJson() {
        final JsonObject request = new JsonObject();
        request.addProperty("registry_path", registryPath);
        request.addProperty("state_dir", stateDir);
        request.addProperty("session", session);
        request.addProperty("user", user);
        request.addProperty("channel", channel);
        request.addProperty("text", text);
        request.addProperty("dry_run", true);
        request.addProperty("rate_limit", RATE_LIMIT_PER_MINUTE);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(request);
    }
}
