package io.bellwether.api;

import static io.bellwether.api.Fixtures.cliAnswer;
import static io.bellwether.api.Fixtures.example;
import static io.bellwether.api.Fixtures.json;
import static io.bellwether.api.Fixtures.quote;
import static io.bellwether.api.Fixtures.read;
import static io.bellwether.api.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operation through JNI answers exactly what the CLI prints for the same inputs. */
class CliParityTest {
    @TempDir
    Path dir;

    @Test
    void compareInlineSamplesMatchTheCliOnFiles() {
        Path baseline = write(dir.resolve("b.txt"), "1.5\n2.25\n3\n4\n5\n6.5\n");
        Path candidate = write(dir.resolve("c.txt"), "2\n3.5\nNaN\n4.75\n6\n7\n8\n");
        JsonElement cli = cliAnswer("compare", "--baseline", baseline.toString(), "--candidate", candidate.toString(),
                "--alternative", "less", "--confidence", "0.9");
        String answer = Bellwether.compare("{\"baseline\": [1.5, 2.25, 3, 4, 5, 6.5], \"candidate\": [2, 3.5, \"NaN\", 4.75, 6, 7, 8],"
                + " \"alternative\": \"less\", \"confidence\": 0.9}");
        assertEquals(cli, json(answer));
        assertEquals(1, json(answer).getAsJsonObject().getAsJsonObject("dropped_non_finite").get("candidate").getAsInt());
    }

    @Test
    void analyzeInlineConfigAndMetricsMatchTheCli() {
        JsonElement cli = cliAnswer("analyze", "--config", example("slo.yaml").toString(), "--metrics",
                example("metrics-regression.csv").toString());
        String answer = Bellwether.analyze("{\"config\": " + quote(read(example("slo.yaml"))) + ", \"metrics\": "
                + quote(read(example("metrics-regression.csv"))) + "}");
        assertEquals(cli, json(answer));
        assertEquals("rollback", json(answer).getAsJsonObject().get("action").getAsString());
    }

    @Test
    void decideMatchesTheCli() {
        JsonElement cli = cliAnswer("decide", "--changes", example("changes.json").toString(), "--policy",
                example("policy.yaml").toString(), "--at", "2026-11-23T10:00:00Z");
        String answer = Bellwether.decide("{\"changes\": " + read(example("changes.json")) + ", \"policy_path\": "
                + quote(example("policy.yaml").toString()) + ", \"at\": \"2026-11-23T10:00:00Z\"}");
        assertEquals(cli, json(answer));
        assertFalse(answer.contains("\n"), "one line");
    }

    @Test
    void trainAndEvaluateMatchTheCli() {
        Path history = write(dir.resolve("history.csv"), history(160));
        JsonElement cli = cliAnswer("train", "--data", history.toString(), "--label", "rollback");
        String answer = Bellwether.train("{\"data\": " + quote(read(history)) + ", \"label\": \"rollback\"}");
        assertEquals(cli, json(answer));

        JsonObject model = json(answer).getAsJsonObject().getAsJsonObject("model");
        Path modelFile = write(dir.resolve("model.json"), model.toString());
        JsonElement cliEvaluation = cliAnswer("evaluate", "--model", modelFile.toString(), "--data", history.toString(),
                "--label", "rollback");
        String evaluation = Bellwether.evaluate("{\"model\": " + model + ", \"data_path\": " + quote(history.toString())
                + ", \"label\": \"rollback\"}");
        assertEquals(cliEvaluation, json(evaluation));
        assertTrue(json(evaluation).getAsJsonObject().get("auc").getAsDouble() > 0.5);
    }

    @Test
    void reportIsTheHtmlTheCliWrites() {
        String verdict = Bellwether.analyze("{\"config_path\": " + quote(example("slo.yaml").toString())
                + ", \"metrics_path\": " + quote(example("metrics.csv").toString()) + "}");
        Path verdictFile = write(dir.resolve("verdict.json"), verdict);
        Path html = dir.resolve("report.html");
        cliAnswer("report", "--verdict", verdictFile.toString(), "--out", html.toString());
        String answer = Bellwether.report("{\"verdict\": " + verdict + "}");
        assertEquals(read(html), json(answer).getAsJsonObject().get("html").getAsString());
    }

    @Test
    void intentTurnMatchesTheCliForAFreshConversation() {
        String text = "create a postgres database orders in staging";
        JsonElement cli = cliAnswer("intent", "--registry", example("jobs.yaml").toString(), "--text", text, "--user", "ana",
                "--channel", "ops", "--session", "parity", "--state-dir", dir.resolve("state").toString(), "--dry-run");
        String answer = Bellwether.intentTurn("{\"registry_path\": " + quote(example("jobs.yaml").toString())
                + ", \"text\": " + quote(text) + ", \"user\": \"ana\", \"channel\": \"ops\", \"session\": \"parity\","
                + " \"dry_run\": true, \"audit\": " + quote(dir.resolve("audit.jsonl").toString()) + "}");
        assertEquals(cli, json(answer));
        assertEquals("confirm", json(answer).getAsJsonObject().get("state").getAsString());
    }

    @Test
    void versionIsTheCliVersion() {
        Fixtures.Run run = Fixtures.run(java.util.List.of(Fixtures.cli().toString(), "--version"), null);
        assertEquals(0, run.exit());
        assertEquals(run.stdout().trim(), json(Bellwether.version()).getAsJsonObject().get("version").getAsString());
    }

    /** A deploy history whose rollbacks follow churn, with some noise, over `rows` days. */
    static String history(int rows) {
        StringBuilder csv = new StringBuilder("date,service,la,ld,nf,rollback\n");
        for (int i = 0; i < rows; i++) {
            int la = (i * 37) % 500 + 1;
            int ld = (i * 13) % 120;
            int nf = (i * 7) % 20 + 1;
            boolean rollback = (la > 300) != (i % 11 == 0);
            csv.append(1700000000L + i * 86400L).append(",svc,").append(la).append(',').append(ld).append(',').append(nf)
                    .append(',').append(rollback ? 1 : 0).append('\n');
        }
        return csv.toString();
    }
}
