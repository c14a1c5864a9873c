package io.bellwether.jenkins;

import hudson.AbortException;
import io.bellwether.api.BellwetherException;
import java.io.Serializable;

/**
 * What a native call on the agent sends back: the answer JSON (and the report's HTML for
 * analyze), or the engine's error kind and message. Errors travel as data so the step fails with
 * the engine's own message, not a remoting wrapper around it.
 */
record NativeAnswer(String json, String html, String errorKind, String errorMessage) implements Serializable {
    private static final long serialVersionUID = 1L;

    static NativeAnswer of(String json, String html) {
        return new NativeAnswer(json, html, null, null);
    }

    static NativeAnswer failed(BellwetherException e) {
        return new NativeAnswer(null, null, e.kind(), e.getMessage());
    }

    static NativeAnswer failed(String kind, String message) {
        return new NativeAnswer(null, null, kind, message);
    }

    /** The answer, or the step's failure with Bellwether's message. */
    String orThrow() throws AbortException {
        if (errorKind != null) {
            throw new AbortException("Bellwether (" + errorKind + " error): " + errorMessage);
        }
        return json;
    }
}
