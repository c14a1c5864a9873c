package io.bellwether.api.chat;

/**
 * The colour of a result, as the core's notifiers use it: green for promote or success, amber for
 * slow or approval needed, red for rollback or a blocked deploy, blue for anything else.
 */
public enum Tone {
    SUCCESS("symbol-status-blue", "success"),
    WARNING("symbol-status-yellow", "warning"),
    DANGER("symbol-status-red", "danger"),
    INFO("symbol-analytics", "info");

    private final String icon;
    private final String name;

    Tone(String icon, String name) {
        this.icon = icon;
        this.name = name;
    }

    /** A Jenkins symbol for the build page's summary box. */
    public String getIcon() {
        return icon;
    }

    /** The badge's CSS modifier: bellwether-badge--success, --warning, --danger or --info. */
    public String getCssClass() {
        return "bellwether-badge--" + name;
    }

    /** The tone of a canary verdict's action. */
    public static Tone ofAction(String action) {
        return switch (action == null ? "" : action) {
            case "promote" -> SUCCESS;
            case "slow" -> WARNING;
            case "rollback" -> DANGER;
            default -> INFO;
        };
    }
}
