package io.bellwether.pipeline

/**
 * A step argument that failed validation. The var turns it into `error(...)` with the step's
 * name, so the build fails with the message and not with a stack trace.
 */
class InvalidArgument extends IllegalArgumentException {
    private static final long serialVersionUID = 1L

    InvalidArgument(String message) {
        super(message)
    }
}
