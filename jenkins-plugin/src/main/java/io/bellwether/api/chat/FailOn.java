package io.bellwether.api.chat;

import java.util.Locale;

/**
 * The CLI's {@code --fail-on}: which canary verdicts fail the step. Unset (null) means none, so
 * a rollback verdict is returned to the pipeline, which decides what to do with it.
 */
public enum FailOn {
    /** slow and rollback fail, like --fail-on slow */
    SLOW,
    /** only rollback fails, like --fail-on rollback */
    ROLLBACK;

    /** @return null for null or blank (the default: nothing fails) */
    public static FailOn parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "slow" -> SLOW;
            case "rollback" -> ROLLBACK;
            default -> throw new IllegalArgumentException("failOn must be slow or rollback, got \"" + value + "\"");
        };
    }

    public boolean failsOn(String action) {
        return "rollback".equals(action) || (this == SLOW && "slow".equals(action));
    }

    public String cliValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
