package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UserMappingTest {
    static final Map<String, String> ADDRESSES = new LinkedHashMap<>();

    static {
        ADDRESSES.put("alice", "Alice@Example.com");
        ADDRESSES.put("bob", "bob@example.com");
        ADDRESSES.put("bob-admin", " BOB@example.com ");
    }

    @Test
    void anExplicitMappingWinsAndCostsNoSlackCall() {
        final AtomicInteger slackCalls = new AtomicInteger();
        final UserMapping.Resolution r = UserMapping.parse("# team\nU0CAROL = carol\n\n  U0ALICE=alice.admin  ")
                .resolve("U0ALICE", true, () -> {
                    slackCalls.incrementAndGet();
                    return Optional.of("alice@example.com");
                }, () -> ADDRESSES);
        assertEquals(Optional.of("alice.admin"), r.jenkinsUser());
        assertEquals(0, slackCalls.get());
    }

    @Test
    void anEmailMatchesOneJenkinsUserIgnoringCase() {
        final UserMapping.Resolution r = UserMapping.parse("")
                .resolve("U0ALICE", true, () -> Optional.of("alice@EXAMPLE.com"), () -> ADDRESSES);
        assertEquals(Optional.of("alice"), r.jenkinsUser());
        assertEquals("mapped by e-mail address", r.explanation());
    }

    @Test
    void anAddressSharedByTwoJenkinsUsersMapsNobody() {
        final UserMapping.Resolution r = UserMapping.parse("")
                .resolve("U0BOB", true, () -> Optional.of("bob@example.com"), () -> ADDRESSES);
        assertTrue(r.jenkinsUser().isEmpty());
        assertTrue(r.explanation().startsWith("2 Jenkins users have your Slack e-mail address"), r.explanation());
        assertFalse(r.explanation().contains("bob-admin"), "other accounts are not named");
    }

    @Test
    void unknownUsersAreToldWhy() {
        final UserMapping none = UserMapping.parse("");
        assertTrue(none.resolve("U0EVE", true, () -> Optional.of("eve@evil.test"), () -> ADDRESSES).explanation()
                .startsWith("No Jenkins user has your Slack e-mail address (eve@evil.test)."));
        assertTrue(none.resolve("U0EVE", true, Optional::empty, () -> ADDRESSES).explanation()
                .startsWith("Slack does not show your e-mail address"));
        final UserMapping.Resolution off = none.resolve("U0ALICE", false, () -> Optional.of("alice@example.com"), () -> ADDRESSES);
        assertTrue(off.jenkinsUser().isEmpty(), "e-mail mapping switched off");
        assertTrue(off.explanation().contains("Ask a Jenkins administrator"));
    }

    @Test
    void badMappingLinesAreAllNamed() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserMapping.parse("U0A = a\nalice\nu0lower = x\nU0A = b"));
        assertEquals("line 2: expected SLACK_USER_ID = jenkins-user, got \"alice\"; "
                + "line 3: expected SLACK_USER_ID = jenkins-user, got \"u0lower = x\"; line 4: U0A is mapped twice", e.getMessage());
        assertEquals(Map.of(), UserMapping.parse(null).explicit());
    }
}
