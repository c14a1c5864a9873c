package io.bellwether.api.chat;

import java.net.URI;
import java.util.Objects;

/**
 * Where a build started from chat reports back: the channel, the thread its announcement opened
 * (known once the announcement is posted), and the slash command's response_url as a fallback
 * when no bot token is configured. The response_url is transient: it is a short-lived credential
 * for the channel and is useless after 30 minutes, so it is never written to disk.
 */
public final class ChatThread {
    private final String channelId;
    private final String slackUserId;
    private volatile String threadTs;
    private final transient URI responseUrl;

    public ChatThread(String channelId, String slackUserId, URI responseUrl) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.slackUserId = Objects.requireNonNull(slackUserId, "slackUserId");
        this.responseUrl = responseUrl;
    }

    public String channelId() {
        return channelId;
    }

    public String slackUserId() {
        return slackUserId;
    }

    /** The ts of the announcement, or null when it went through the response_url. */
    public String threadTs() {
        return threadTs;
    }

    public void threadTs(String ts) {
        this.threadTs = ts;
    }

    /** Null after a restart of Jenkins, and for threads read back from disk. */
    public URI responseUrl() {
        return responseUrl;
    }
}
