package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(long epochSecond) {
            now = Instant.ofEpochSecond(epochSecond);
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void theSameSignatureIsAdmittedOnce() {
        final ReplayGuard guard = new ReplayGuard(new ManualClock(1000), 10);
        guard.admit("v0=aa", 1000);
        final SlackRequestRejected e = assertThrows(SlackRequestRejected.class, () -> guard.admit("v0=aa", 1000));
        assertEquals(SlackRequestRejected.Reason.REPLAYED, e.reason());
        assertDoesNotThrow(() -> guard.admit("v0=bb", 1000));
    }

    @Test
    void signaturesAreForgottenOnceTheirTimestampLeavesTheWindow() {
        final ManualClock clock = new ManualClock(1000);
        final ReplayGuard guard = new ReplayGuard(clock, 10);
        guard.admit("v0=aa", 1000);
        clock.advance(Duration.ofSeconds(300));
        assertThrows(SlackRequestRejected.class, () -> guard.admit("v0=aa", 1000));
        clock.advance(Duration.ofSeconds(1));
        guard.admit("v0=cc", 1301);
        // v0=aa expired at 1300 and was dropped; only v0=cc is left.
        assertEquals(1, guard.remembered());
    }

    @Test
    void aFullGuardDropsTheOldestFirst() {
        final ReplayGuard guard = new ReplayGuard(new ManualClock(1000), 2);
        guard.admit("v0=1", 1000);
        guard.admit("v0=2", 1000);
        guard.admit("v0=3", 1000);
        assertEquals(2, guard.remembered());
        assertThrows(SlackRequestRejected.class, () -> guard.admit("v0=3", 1000));
        assertThrows(SlackRequestRejected.class, () -> guard.admit("v0=2", 1000));
        assertDoesNotThrow(() -> guard.admit("v0=1", 1000));
    }
}
