package io.bellwether.bench;

import io.bellwether.api.Bellwether;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * The round trip of {@code decide} through JNI, as a Jenkins step makes it: a JSON string in,
 * the answer string out. Warms up (JIT, allocator, time zone database), then times each call
 * and prints the median, p90 and p99 per request shape. A benchmark, not a test.
 *
 * <p>Usage: {@code DecideRoundTrip <examples dir> [calls]}
 */
public final class DecideRoundTrip {
    private DecideRoundTrip() {
    }

    public static void main(String[] args) throws IOException {
        Path examples = Paths.get(args.length > 0 ? args[0] : "examples");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        String changes = Files.readString(examples.resolve("changes.json"), StandardCharsets.UTF_8);
        String policyYaml = Files.readString(examples.resolve("policy.yaml"), StandardCharsets.UTF_8);
        String at = ", \"at\": \"2026-11-23T10:00:00Z\"";

        System.out.println("decide round trip through JNI, " + calls + " timed calls after warm-up ("
                + Bellwether.version() + ")");
        measure("changes inline, default policy", "{\"changes\": " + changes + at + "}", calls);
        measure("changes inline, policy_path", "{\"changes\": " + changes + ", \"policy_path\": "
                + quote(examples.resolve("policy.yaml").toAbsolutePath().toString()) + at + "}", calls);
        measure("changes inline, policy inline (YAML)", "{\"changes\": " + changes + ", \"policy\": " + quote(policyYaml) + at
                + "}", calls);
    }

    private static void measure(String label, String request, int calls) {
        for (int i = 0; i < Math.max(10_000, calls / 5); i++) {
            Bellwether.decide(request);
        }
        long[] nanos = new long[calls];
        int sink = 0;
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            sink += Bellwether.decide(request).length();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("  %-40s median %7.1f us   p90 %7.1f us   p99 %7.1f us   (%d bytes)%n", label,
                nanos[calls / 2] / 1e3, nanos[calls * 9 / 10] / 1e3, nanos[calls * 99 / 100] / 1e3, sink / calls);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
