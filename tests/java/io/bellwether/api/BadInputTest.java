package io.bellwether.api;

import static io.bellwether.api.Fixtures.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad requests become BellwetherExceptions with the core's kind and a message naming the field. */
class BadInputTest {
    private static BellwetherException failure(String kind, Executable call) {
        BellwetherException e = assertThrows(BellwetherException.class, call);
        assertEquals(kind, e.kind(), e::getMessage);
        return e;
    }

    @Test
    void malformedJson() {
        BellwetherException e = failure("input", () -> Bellwether.decide("{\"changes\": {\"la\": 3"));
        assertTrue(e.getMessage().startsWith("decide: malformed JSON request: "), e.getMessage());
        String secret = failure("input", () -> Bellwether.intentTurn("{\"redis\": \"redis://:hunter2@localhost")).getMessage();
        assertEquals("intent_turn: malformed JSON request: parse error at line 1, column 38: syntax error while parsing value"
                + " - invalid string: missing closing quote", secret);
        failure("input", () -> Bellwether.compare(""));
        failure("input", () -> Bellwether.compare("not json at all"));
    }

    @Test
    void requestThatIsNotAnObject() {
        assertEquals("decide: expected a JSON object, got array", failure("input", () -> Bellwether.decide("[1, 2]")).getMessage());
        assertEquals("analyze: expected a JSON object, got null", failure("input", () -> Bellwether.analyze("null")).getMessage());
    }

    @Test
    void nullRequest() {
        assertEquals("train: the request is null", failure("input", () -> Bellwether.train(null)).getMessage());
    }

    @Test
    void wrongTypes() {
        assertEquals("decide: changes: expected an object, got array",
                failure("input", () -> Bellwether.decide("{\"changes\": []}")).getMessage());
        assertEquals("decide: changes: la: expected a number, got \"lots\"",
                failure("input", () -> Bellwether.decide("{\"changes\": {\"la\": \"lots\"}}")).getMessage());
        assertEquals("compare: baseline: expected an array of numbers, got string",
                failure("input", () -> Bellwether.compare("{\"baseline\": \"1 2 3\", \"candidate\": [1]}")).getMessage());
        assertEquals("compare: baseline[2]: expected a number, got object",
                failure("input", () -> Bellwether.compare("{\"baseline\": [1, 2, {}], \"candidate\": [1]}")).getMessage());
        assertEquals("analyze: watch: expected true or false, got string",
                failure("input", () -> Bellwether.analyze("{\"config_path\": \"x\", \"watch\": \"yes\"}")).getMessage());
        assertEquals("intent_turn: user: required", failure("input",
                () -> Bellwether.intentTurn("{\"registry_path\": \"jobs.yaml\", \"text\": \"hi\"}")).getMessage());
    }

    @Test
    void unknownFieldListsTheAcceptedOnes() {
        String message = failure("input", () -> Bellwether.compare("{\"baseline\": [1], \"candidate\": [2], \"pretty\": true}"))
                .getMessage();
        assertEquals("compare: pretty: unknown field (this request takes baseline, baseline_path, candidate, candidate_path,"
                + " alternative, confidence, non_finite)", message);
    }

    @Test
    void missingFilesAreSourceErrorsNamingTheFile() {
        assertEquals("decide: /nonexistent/changes.json: cannot open the file",
                failure("source", () -> Bellwether.decide("{\"changes_path\": \"/nonexistent/changes.json\"}")).getMessage());
        assertEquals("compare: /nonexistent/b.txt: cannot open the file", failure("source",
                () -> Bellwether.compare("{\"baseline_path\": \"/nonexistent/b.txt\", \"candidate\": [1]}")).getMessage());
        String registry = failure("config", () -> Bellwether.intentTurn(
                "{\"registry_path\": \"/nonexistent/jobs.yaml\", \"user\": \"u\", \"text\": \"hi\"}")).getMessage();
        assertTrue(registry.startsWith("intent_turn: /nonexistent/jobs.yaml"), registry);
    }

    @Test
    void badConfigsKeepTheCoresKindAndNameTheField() {
        assertEquals("decide: policy: approval_threshold: must be between 0 and 100", failure("config",
                () -> Bellwether.decide("{\"changes\": {}, \"policy\": {\"approval_threshold\": 170}}")).getMessage());
        String slo = failure("config", () -> Bellwether.analyze(
                "{\"config\": {\"metrics\": [{\"name\": \"latency\", \"direction\": \"up\"}]}, \"metrics\": \"\"}")).getMessage();
        assertTrue(slo.startsWith("analyze: config: metrics[0].direction: "), slo);
        String model = failure("config", () -> Bellwether.decide("{\"changes\": {}, \"model\": {\"schema\": \"x\"}}"))
                .getMessage();
        assertTrue(model.startsWith("decide: model: schema: not a Bellwether risk model"), model);
    }

    @Test
    void textOutsideTheBasicPlaneSurvivesBothWays() {
        // JNI's own string encoding is not UTF-8 for these; the bridge passes bytes.
        String message = failure("input", () -> Bellwether.compare("{\"b\u00e4seline \ud83d\ude80\": [1]}")).getMessage();
        assertTrue(message.startsWith("compare: b\u00e4seline \ud83d\ude80: unknown field"), message);
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutACrash() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals("decide: expected a JSON object, got array", failure("input", () -> Bellwether.decide(deep)).getMessage());
    }

    @Test
    void malformedAnswersForTheRecordsNameTheField() {
        String message = failure("input", () -> Decision.fromJson("{\"risk_score\": \"high\"}")).getMessage();
        assertTrue(message.startsWith("Decision: "), message);
        String verdict = failure("input", () -> Verdict.fromJson("{")).getMessage();
        assertTrue(verdict.startsWith("Verdict: malformed JSON: "), verdict);
        assertEquals("IntentAnswer: state: expected a string", failure("input",
                () -> IntentAnswer.fromJson("{\"confidence\": 1, \"state\": 3}")).getMessage());
    }

    @Test
    void aRequestFieldNamingAFileIsQuotedSafely() {
        String weird = "/nonexistent/\"quoted\" name.json";
        String message = failure("source", () -> Bellwether.decide("{\"changes_path\": " + quote(weird) + "}")).getMessage();
        assertEquals("decide: " + weird + ": cannot open the file", message);
    }
}
