package io.bellwether.api.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build a confirmed dialogue asks for: the Jenkins job's full name and every parameter value
 * (stated ones and the registry's defaults), read from the dry-run request the core describes in
 * a {@code triggered} answer, and whether the job registry marks the intent {@code dry_run: true}
 * ({@code intent_dry_run} in the answer), in which case it is shown and never started.
 */
public record TriggeredJob(String job, Map<String, String> parameters, boolean registryDryRun) {

    public TriggeredJob {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Empty unless the answer is in state {@code triggered}. */
    public static Optional<TriggeredJob> from(JsonObject answer) {
        if (!"triggered".equals(text(answer, "state"))) {
            return Optional.empty();
        }
        final String job = text(answer, "job");
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("a triggered answer without a job");
        }
        final JsonElement request = answer.get("request");
        if (request != null && request.isJsonObject()) {
            final String body = text(request.getAsJsonObject(), "body");
            if (body != null) {
                return Optional.of(new TriggeredJob(job, FormBody.parse(body.getBytes(StandardCharsets.UTF_8)),
                        registryDryRun(answer)));
            }
        }
        // Without the request only the values the user stated are known; Jenkins fills in the
        // job's own defaults for the rest.
        final Map<String, String> stated = new LinkedHashMap<>();
        final JsonElement params = answer.get("params");
        if (params != null && params.isJsonObject()) {
            params.getAsJsonObject().entrySet().forEach(e -> stated.put(e.getKey(),
                    e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString()));
        }
        return Optional.of(new TriggeredJob(job, stated, registryDryRun(answer)));
    }

    /** The parameters the job does not define: the registry and the job disagree. */
    public List<String> undefinedIn(Collection<String> definedByJob) {
        final List<String> undefined = new ArrayList<>();
        parameters.keySet().forEach(name -> {
            if (!definedByJob.contains(name)) {
                undefined.add(name);
            }
        });
        return undefined;
    }

    // The plugin's own turns are always dry runs (the build is started inside Jenkins), so only
    // the registry's setting says whether this one may run.
    private static boolean registryDryRun(JsonObject answer) {
        final JsonElement e = answer.get("intent_dry_run");
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    private static String text(JsonObject o, String name) {
        final JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
