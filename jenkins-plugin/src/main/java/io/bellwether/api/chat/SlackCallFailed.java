package io.bellwether.api.chat;

import java.io.IOException;

/** A call to Slack that did not succeed; the message names the method and Slack's error, never a token or URL secret. */
public final class SlackCallFailed extends IOException {
    private static final long serialVersionUID = 1L;

    public SlackCallFailed(String message) {
        super(message);
    }

    public SlackCallFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
