package io.bellwether.api;

import static io.bellwether.api.Fixtures.example;
import static io.bellwether.api.Fixtures.quote;
import static io.bellwether.api.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conversation held in this JVM's memory continues from one intentTurn call to the next. */
class IntentConversationTest {
    @TempDir
    Path dir;

    private String turn(String session, String user, String text) {
        return Bellwether.intentTurn("{\"registry\": " + quote(read(example("jobs.yaml"))) + ", \"session\": " + quote(session)
                + ", \"user\": " + quote(user) + ", \"channel\": \"ops\", \"dry_run\": true, \"text\": " + quote(text)
                + ", \"audit\": " + quote(dir.resolve("audit.jsonl").toString()) + "}");
    }

    @Test
    void collectsConfirmsAndTriggersAcrossCalls() {
        IntentAnswer first = IntentAnswer.fromJson(turn("conversation", "ana", "create a postgres database orders"));
        assertEquals("create_database", first.intent());
        assertEquals("collecting", first.state());
        assertEquals(List.of("environment"), first.missing());
        assertEquals(Map.of("database", "orders"), first.params());
        assertEquals("create_database", first.candidates().get(0).intent());

        IntentAnswer second = IntentAnswer.fromJson(turn("conversation", "ana", "staging"));
        assertTrue(second.awaitingConfirmation(), second.reply());
        assertEquals(Map.of("database", "orders", "environment", "staging"), second.params());

        IntentAnswer third = IntentAnswer.fromJson(turn("conversation", "ana", "yes"));
        assertTrue(third.triggered(), third.reply());
        assertEquals("platform/data/create-database", third.job());
        assertNull(third.queueUrl(), "a dry run queues nothing");
        assertNull(third.error());
    }

    @Test
    void anotherUserOrSessionIsAnotherConversation() {
        assertEquals("collecting", IntentAnswer.fromJson(turn("separate", "ana", "create a postgres database ledger")).state());
        IntentAnswer stranger = IntentAnswer.fromJson(turn("separate", "bo", "staging"));
        assertTrue(stranger.intent() == null || !stranger.awaitingConfirmation(), stranger.reply());
        IntentAnswer otherSession = IntentAnswer.fromJson(turn("separate-2", "ana", "staging"));
        assertTrue(!otherSession.awaitingConfirmation(), otherSession.reply());
        assertTrue(IntentAnswer.fromJson(turn("separate", "ana", "staging")).awaitingConfirmation());
    }
}
