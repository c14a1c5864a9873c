package io.bellwether.api;

/**
 * The answer of {@link Bellwether#notify}: what became of one chat notification.
 *
 * @param delivered the service answered 2xx
 * @param to slack, teams, discord or webhook
 * @param status the last HTTP status, or null when no answer came
 * @param attempts how many posts were made (one retry after a timeout or a 5xx)
 * @param event decision, verdict, triggered or build
 * @param reason why it was not delivered (naming scheme://host only), or null
 */
public record Delivery(boolean delivered, String to, Integer status, int attempts, String event, String reason) {

    /** One line for a log: where the event went, or why it did not. */
    public String describe() {
        if (delivered) {
            return event + " posted to " + to + " (HTTP " + status + ")";
        }
        return "could not post the " + event + " to " + to + ": " + reason;
    }

    /** Reads a notify answer; a malformed one is a BellwetherException (input) naming the field. */
    public static Delivery fromJson(String json) {
        JsonFields d = JsonFields.parse("Delivery", json);
        return new Delivery(d.flag("delivered"), d.text("to"), d.optionalInteger("status"), (int) d.number("attempts"),
                d.text("event"), d.optionalText("reason"));
    }
}
