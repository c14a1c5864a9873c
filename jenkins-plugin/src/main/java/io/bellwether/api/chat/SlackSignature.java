package io.bellwether.api.chat;

import io.bellwether.api.chat.SlackRequestRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's v0 request signature: {@code "v0=" + hex(HMAC-SHA256(signing secret, "v0:" + timestamp
 * + ":" + raw body))}, accepted only while the timestamp is within five minutes of now.
 * The clock is injectable so the replay window can be tested without waiting.
 */
public final class SlackSignature {
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";

    private static final String VERSION = "v0";
    private static final String ALGORITHM = "HmacSHA256";
    // Ten digits cover unix seconds until the year 2286; more is not a timestamp.
    private static final int MAX_TIMESTAMP_DIGITS = 10;

    private final SecretKeySpec key;
    private final Clock clock;

    public SlackSignature(String signingSecret, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new SlackRequestRejected(Reason.NOT_CONFIGURED, "no Slack signing secret is configured");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the two Slack headers against the raw body, exactly as received (before any form
     * parsing). Returns the request's timestamp in unix seconds.
     *
     * @throws SlackRequestRejected when a header is missing or malformed, the timestamp is
     *     outside the replay window, or the signature does not match
     */
    public long verify(String timestampHeader, String signatureHeader, byte[] rawBody) {
        if (timestampHeader == null || timestampHeader.isEmpty()) {
            throw new SlackRequestRejected(Reason.MISSING_SIGNATURE, TIMESTAMP_HEADER + " is missing");
        }
        if (signatureHeader == null || signatureHeader.isEmpty()) {
            throw new SlackRequestRejected(Reason.MISSING_SIGNATURE, SIGNATURE_HEADER + " is missing");
        }
        final long timestamp = parseTimestamp(timestampHeader);
        final long skew = clock.instant().getEpochSecond() - timestamp;
        if (Math.abs(skew) > REPLAY_WINDOW.toSeconds()) {
            throw new SlackRequestRejected(Reason.STALE, "request timestamp is " + Math.abs(skew) + " s "
                    + (skew > 0 ? "old" : "in the future") + "; at most " + REPLAY_WINDOW.toSeconds() + " s is accepted");
        }
        if (!signatureHeader.startsWith(VERSION + "=")) {
            throw new SlackRequestRejected(Reason.BAD_SIGNATURE, SIGNATURE_HEADER + " is not a " + VERSION + " signature");
        }
        final byte[] expected = sign(timestampHeader, rawBody).getBytes(StandardCharsets.US_ASCII);
        final byte[] given = signatureHeader.getBytes(StandardCharsets.US_ASCII);
        // isEqual takes the same time wherever the first difference is, so the signature cannot
        // be guessed byte by byte from response times.
        if (!MessageDigest.isEqual(expected, given)) {
            throw new SlackRequestRejected(Reason.BAD_SIGNATURE, SIGNATURE_HEADER + " does not match the request body");
        }
        return timestamp;
    }

    /** The signature Slack sends for this timestamp and body. */
    public String sign(String timestamp, byte[] rawBody) {
        try {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            mac.update(rawBody);
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256; reaching this is a broken JVM.
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    private static long parseTimestamp(String header) {
        if (header.length() > MAX_TIMESTAMP_DIGITS || !header.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SlackRequestRejected(Reason.MALFORMED, TIMESTAMP_HEADER + " is not unix seconds");
        }
        return Long.parseLong(header);
    }
}
