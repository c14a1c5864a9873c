package io.bellwether.api.chat;

/**
 * A request that claims to come from Slack and is refused before anything runs. The message
 * says what was wrong for the Jenkins log; it never contains the signing secret or the
 * signature Slack would have expected.
 */
public final class SlackRequestRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why it was refused; decides the HTTP status Slack (or the forger) gets back. */
    public enum Reason {
        NOT_CONFIGURED(503),
        TOO_LARGE(413),
        MALFORMED(400),
        MISSING_SIGNATURE(401),
        STALE(401),
        BAD_SIGNATURE(401),
        REPLAYED(401);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public SlackRequestRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public int httpStatus() {
        return reason.httpStatus();
    }
}
