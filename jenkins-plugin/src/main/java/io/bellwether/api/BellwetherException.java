package io.bellwether.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A failure of the native engine, with the core's error kind: {@link #CONFIG} (a configuration
 * is malformed), {@link #INPUT} (a request or its data is malformed), {@link #SOURCE} (a file or
 * a metrics source cannot deliver), {@link #HTTP} (transport) or {@link #INTERNAL} (a bug). The
 * message names the operation and the field or file, e.g.
 * {@code decide: changes: expected an object, got array}.
 */
public class BellwetherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String CONFIG = "config";
    public static final String INPUT = "input";
    public static final String SOURCE = "source";
    public static final String HTTP = "http";
    public static final String INTERNAL = "internal";

    private final String kind;

    public BellwetherException(String kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** config | input | source | http | internal. */
    public String kind() {
        return kind;
    }

    @Override
    public String toString() {
        return getClass().getName() + " [" + kind + "]: " + getMessage();
    }

    // Called by the JNI bridge. The message arrives as UTF-8 bytes and is decoded here, so any
    // byte sequence a native message may quote still makes a valid Java string.
    static BellwetherException fromNative(String kind, byte[] message) {
        return new BellwetherException(kind, new String(message, StandardCharsets.UTF_8));
    }
}
