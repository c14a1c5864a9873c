package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bellwetherNotify's Jenkins-free part: the target, its webhook credential, and the request. */
class ChatNotificationTest {
    private static final Map<String, String> DEFAULTS = Map.of("slack", "slack-webhook", "teams", " ");

    @Test
    void targetsAreTheClisNames() {
        assertEquals("slack", ChatNotification.target(" Slack "));
        assertEquals("webhook", ChatNotification.target("webhook"));
        assertEquals("to must be slack, teams, discord or webhook, got \"email\"",
                assertThrows(IllegalArgumentException.class, () -> ChatNotification.target("email")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChatNotification.target(null));
    }

    @Test
    void theStepsCredentialWinsOverTheTargetsDefault() {
        assertEquals("team-hook", ChatNotification.credentialsId("slack", " team-hook ", DEFAULTS));
        assertEquals("slack-webhook", ChatNotification.credentialsId("slack", null, DEFAULTS));
        assertEquals("slack-webhook", ChatNotification.credentialsId("slack", "", DEFAULTS));
        assertEquals("no credentialsId was given, and no default teams webhook credential is configured"
                + " (Manage Jenkins → System → Bellwether)",
                assertThrows(IllegalArgumentException.class, () -> ChatNotification.credentialsId("teams", null, DEFAULTS))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChatNotification.credentialsId("discord", null, DEFAULTS));
    }

    @Test
    void theRequestCarriesTheEventInlineAndOnlyTheLinksGiven() {
        final JsonObject r = JsonParser.parseString(ChatNotification.request("discord",
                "https://discord.com/api/webhooks/1/tok", "{\"action\":\"promote\",\"metrics\":[],\"note\":\"<b>&\"}",
                "https://ci.example.com/job/a/3/", " ", null)).getAsJsonObject();
        assertEquals("discord", r.get("to").getAsString());
        assertEquals("https://discord.com/api/webhooks/1/tok", r.get("url").getAsString());
        assertEquals("promote", r.getAsJsonObject("event").get("action").getAsString());
        assertEquals("<b>&", r.getAsJsonObject("event").get("note").getAsString());
        assertEquals("https://ci.example.com/job/a/3/", r.get("build_url").getAsString());
        assertFalse(r.has("report_url"));
        assertFalse(r.has("title"));
    }

    @Test
    void anEventThatIsNotAJsonObjectIsRefusedBeforeAnythingIsSent() {
        assertEquals("the event is not a JSON object", assertThrows(IllegalArgumentException.class,
                () -> ChatNotification.request("slack", "https://h/x", "[1]", null, null, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChatNotification.request("slack", "https://h/x", "{", null, null,
                null));
        assertThrows(IllegalArgumentException.class, () -> ChatNotification.request("slack", "https://h/x", null, null, null,
                null));
    }
}
