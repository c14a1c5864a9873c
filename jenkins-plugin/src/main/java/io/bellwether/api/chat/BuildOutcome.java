package io.bellwether.api.chat;

/**
 * A finished build as chat reports it. {@code result} is Jenkins' result name (SUCCESS,
 * UNSTABLE, FAILURE, NOT_BUILT, ABORTED); {@code url} may be null when Jenkins has no root URL.
 */
public record BuildOutcome(String job, int number, String result, String url, long durationMillis) {

    /** The emoji the core's Slack notifier uses for the same outcome. */
    public String emoji() {
        return switch (result == null ? "" : result) {
            case "SUCCESS" -> "✅";
            case "UNSTABLE" -> "⚠️";
            case "FAILURE" -> "🛑";
            default -> "ℹ️";
        };
    }

    /** "42 s", "3 min 2 s", "1 h 5 min". */
    public String durationText() {
        final long seconds = Math.max(0, durationMillis) / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            final long s = seconds % 60;
            return seconds / 60 + " min" + (s == 0 ? "" : " " + s + " s");
        }
        final long min = seconds % 3600 / 60;
        return seconds / 3600 + " h" + (min == 0 ? "" : " " + min + " min");
    }
}
