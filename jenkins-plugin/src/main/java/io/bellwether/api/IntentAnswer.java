package io.bellwether.api;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@link Bellwether#intentTurn}: what the chat message asked for and where the
 * conversation stands.
 *
 * @param intent the recognised intent, or null
 * @param confidence 0-1
 * @param params the values the user stated, in canonical form
 * @param missing required parameters still to ask for
 * @param state collecting, confirm, triggered or cancelled
 * @param reply the text to show the user
 * @param job the Jenkins job of the intent, or null
 * @param candidates intents the message could mean, best first
 * @param queueUrl the Jenkins queue item of a triggered build, or null (also null on a dry run)
 * @param error why triggering failed, or null
 */
public record IntentAnswer(String intent, double confidence, Map<String, String> params, List<String> missing,
        String state, String reply, String job, List<Candidate> candidates, String queueUrl, String error) {

    public record Candidate(String intent, double confidence) {
    }

    /** The conversation ended with a build triggered (or, on a dry run, described). */
    public boolean triggered() {
        return "triggered".equals(state);
    }

    /** The conversation waits for a yes or no. */
    public boolean awaitingConfirmation() {
        return "confirm".equals(state);
    }

    /** Reads an Intent answer JSON; a malformed one is a BellwetherException (input) naming the field. */
    public static IntentAnswer fromJson(String json) {
        JsonFields a = JsonFields.parse("IntentAnswer", json);
        return new IntentAnswer(a.optionalText("intent"), a.number("confidence"), a.textMap("params"), a.texts("missing"),
                a.text("state"), a.text("reply"), a.optionalText("job"),
                a.objects("candidates", c -> new Candidate(c.text("intent"), c.number("confidence"))),
                a.optionalText("queue_url"), a.optionalText("error"));
    }
}
