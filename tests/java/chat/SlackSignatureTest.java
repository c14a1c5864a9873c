package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {
    // Slack's published example ("Verifying requests from Slack"): secret, timestamp, body, signature.
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
            .getBytes(StandardCharsets.UTF_8);
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static SlackSignature verifierAt(long now) {
        return new SlackSignature(SECRET, at(now));
    }

    @Test
    void slacksDocumentedExampleVerifies() {
        assertEquals(SIGNATURE, verifierAt(1531420618).sign(TIMESTAMP, BODY));
        assertEquals(1531420618L, verifierAt(1531420618 + 60).verify(TIMESTAMP, SIGNATURE, BODY));
    }

    @Test
    void aChangedBodyIsForged() {
        final byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("text=", "text=deploy+prod")
                .getBytes(StandardCharsets.UTF_8);
        final SlackRequestRejected e = assertThrows(SlackRequestRejected.class,
                () -> verifierAt(1531420618).verify(TIMESTAMP, SIGNATURE, tampered));
        assertEquals(SlackRequestRejected.Reason.BAD_SIGNATURE, e.reason());
        assertEquals(401, e.httpStatus());
    }

    @Test
    void anotherSecretsSignatureIsForged() {
        final String forged = new SlackSignature("not-the-secret", at(1531420618)).sign(TIMESTAMP, BODY);
        final SlackRequestRejected e = assertThrows(SlackRequestRejected.class,
                () -> verifierAt(1531420618).verify(TIMESTAMP, forged, BODY));
        assertEquals(SlackRequestRejected.Reason.BAD_SIGNATURE, e.reason());
        // The refusal never shows what the right signature or the secret would have been.
        assertFalse(e.getMessage().contains(SIGNATURE.substring(3, 20)));
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aSignatureMovedToAnotherTimestampIsForged() {
        assertThrows(SlackRequestRejected.class, () -> verifierAt(1531420618).verify("1531420619", SIGNATURE, BODY));
    }

    @Test
    void theReplayWindowIsFiveMinutesEachWay() {
        assertDoesNotThrow(() -> verifierAt(1531420618 + 300).verify(TIMESTAMP, SIGNATURE, BODY));
        assertDoesNotThrow(() -> verifierAt(1531420618 - 300).verify(TIMESTAMP, SIGNATURE, BODY));
        final SlackRequestRejected old = assertThrows(SlackRequestRejected.class,
                () -> verifierAt(1531420618 + 301).verify(TIMESTAMP, SIGNATURE, BODY));
        assertEquals(SlackRequestRejected.Reason.STALE, old.reason());
        assertEquals("request timestamp is 301 s old; at most 300 s is accepted", old.getMessage());
        final SlackRequestRejected future = assertThrows(SlackRequestRejected.class,
                () -> verifierAt(1531420618 - 301).verify(TIMESTAMP, SIGNATURE, BODY));
        assertEquals(SlackRequestRejected.Reason.STALE, future.reason());
    }

    @Test
    void missingAndMalformedHeadersAreRefused() {
        final SlackSignature v = verifierAt(1531420618);
        assertEquals(SlackRequestRejected.Reason.MISSING_SIGNATURE,
                assertThrows(SlackRequestRejected.class, () -> v.verify(null, SIGNATURE, BODY)).reason());
        assertEquals(SlackRequestRejected.Reason.MISSING_SIGNATURE,
                assertThrows(SlackRequestRejected.class, () -> v.verify(TIMESTAMP, "", BODY)).reason());
        assertEquals(SlackRequestRejected.Reason.MALFORMED,
                assertThrows(SlackRequestRejected.class, () -> v.verify("1531420618.5", SIGNATURE, BODY)).reason());
        assertEquals(SlackRequestRejected.Reason.MALFORMED,
                assertThrows(SlackRequestRejected.class, () -> v.verify("99999999999999999999", SIGNATURE, BODY)).reason());
        assertEquals(SlackRequestRejected.Reason.BAD_SIGNATURE,
                assertThrows(SlackRequestRejected.class, () -> v.verify(TIMESTAMP, "v1=" + SIGNATURE.substring(3), BODY))
                        .reason());
        assertEquals(SlackRequestRejected.Reason.BAD_SIGNATURE, assertThrows(SlackRequestRejected.class,
                () -> v.verify(TIMESTAMP, SIGNATURE.toUpperCase(java.util.Locale.ROOT).replace("V0=", "v0="), BODY)).reason());
    }

    @Test
    void withoutASigningSecretNothingIsAccepted() {
        final SlackRequestRejected e = assertThrows(SlackRequestRejected.class, () -> new SlackSignature(" ", at(0)));
        assertEquals(503, e.httpStatus());
    }
}
