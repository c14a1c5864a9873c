package io.bellwether.api.chat;

import io.bellwether.api.chat.SlackRequestRejected.Reason;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Refuses a signed request seen before. The timestamp window alone lets a captured request be
 * sent again for five minutes; Slack never resends a slash command, so a second copy of a
 * signature inside the window is a replay. Signatures are remembered until their timestamp
 * leaves the window, after which {@link SlackSignature} refuses them anyway.
 */
public final class ReplayGuard {
    private final Clock clock;
    private final int capacity;
    // signature → the unix second after which the signature is stale on its own
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    public ReplayGuard(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    /**
     * Admits a verified request once.
     *
     * @throws SlackRequestRejected when the same signature was admitted before and has not expired
     */
    public synchronized void admit(String signature, long timestamp) {
        final long now = clock.instant().getEpochSecond();
        forgetExpired(now);
        if (seen.containsKey(signature)) {
            throw new SlackRequestRejected(Reason.REPLAYED, "this signed request was already received");
        }
        if (seen.size() >= capacity) {
            // Under a flood of distinct valid requests the oldest entry goes first: only it could
            // be replayed, and only until its own timestamp leaves the window.
            final Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(signature, timestamp + SlackSignature.REPLAY_WINDOW.toSeconds());
    }

    synchronized int remembered() {
        return seen.size();
    }

    private void forgetExpired(long now) {
        seen.entrySet().removeIf((Map.Entry<String, Long> e) -> e.getValue() < now);
    }
}
