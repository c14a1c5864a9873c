package io.bellwether.api.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jenkins' Prometheus URL and credentials on their way into the analyze request. */
class PrometheusAccessTest {
    private static final Path WS = Path.of("/var/lib/jenkins/workspace/app");

    private static JsonObject analyze(String metrics, PrometheusAccess p) {
        return JsonParser.parseString(NativeRequests.analyze(WS, "slo.yaml", metrics, Map.of(), false, p))
                .getAsJsonObject();
    }

    @Test
    void aTokenAndATenantHeaderBecomeThePrometheusField() {
        final JsonObject p = analyze(null, PrometheusAccess.of("https://mimir.example/prometheus", "X-Scope-OrgID", "checkout")
                .withToken("glc_token")).getAsJsonObject("prometheus");
        assertEquals("https://mimir.example/prometheus", p.get("url").getAsString());
        assertEquals("glc_token", p.get("token").getAsString());
        assertFalse(p.has("username"));
        assertEquals("checkout", p.getAsJsonObject("headers").get("X-Scope-OrgID").getAsString());
    }

    @Test
    void basicAuthWithoutAUrlKeepsTheUrlOfSloYaml() {
        final JsonObject p = analyze(null, PrometheusAccess.of(" ", null, null).withUsernameAndPassword("bw", "pw"))
                .getAsJsonObject("prometheus");
        assertFalse(p.has("url"));
        assertEquals("bw", p.get("username").getAsString());
        assertEquals("pw", p.get("password").getAsString());
        assertFalse(p.has("headers"));
    }

    @Test
    void nothingIsSentWhenThereIsNothingToOverrideOrTheSamplesComeFromAFile() {
        assertFalse(analyze(null, PrometheusAccess.of(null, null, null)).has("prometheus"));
        assertFalse(analyze(null, null).has("prometheus"));
        assertFalse(analyze("m.csv", PrometheusAccess.of("http://p:9090", null, null).withToken("t")).has("prometheus"));
    }

    @Test
    void mistakesAreRefusedWhereTheyAreConfigured() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusAccess.of("p:9090", null, null));
        assertThrows(IllegalArgumentException.class, () -> PrometheusAccess.of(null, "X-Scope-OrgID", null));
        assertThrows(IllegalArgumentException.class, () -> PrometheusAccess.of(null, null, null).withToken("a\nb"));
        assertThrows(IllegalArgumentException.class,
                () -> new PrometheusAccess(null, "t", "u", "p", null, null));
        assertThrows(IllegalArgumentException.class, () -> new PrometheusAccess(null, null, "u", null, null, null));
        assertEquals("\"X Scope\" is not a valid HTTP header name", PrometheusAccess.headerNameProblem("X Scope"));
        assertTrue(PrometheusAccess.headerNameProblem("authorization").startsWith("Authorization is set from"));
        assertNull(PrometheusAccess.headerNameProblem("X-Scope-OrgID"));
        assertNull(PrometheusAccess.headerNameProblem(""));
    }

    @Test
    void itsTextNamesNoSecretAndItTravelsToTheAgent() throws Exception {
        final PrometheusAccess basic = PrometheusAccess.of("https://bw:urlpass@prom.example:9090/p", "X-Scope-OrgID", "t1")
                .withUsernameAndPassword("bw", "hunter2");
        assertEquals("PrometheusAccess[url=https://prom.example:9090/p, credential=basic auth as bw, header=X-Scope-OrgID]",
                basic.toString());
        final String token = PrometheusAccess.of(null, null, null).withToken("hunter2").toString();
        assertEquals("PrometheusAccess[url=from slo.yaml, credential=bearer token]", token);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(basic);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(basic, in.readObject());
        }
    }
}
