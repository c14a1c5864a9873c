package io.bellwether.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the tests share: the paths ctest passes, the real CLI, and JSON comparison. */
final class Fixtures {
    private Fixtures() {
    }

    static Path property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("run from ctest: system property " + name + " is not set");
        }
        return Paths.get(value);
    }

    static Path cli() {
        return property("bellwether.cli");
    }

    static Path examples() {
        return property("bellwether.examples");
    }

    static Path example(String name) {
        return examples().resolve(name);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    /** A JSON string literal of `text` for building requests. */
    static String quote(String text) {
        return new com.google.gson.Gson().toJson(text);
    }

    record Run(int exit, String stdout, String stderr) {
    }

    /** Runs a program to completion (at most two minutes), capturing both outputs. */
    static Run run(List<String> command, Path directory) {
        try {
            Path out = Files.createTempFile("bellwether-run-", ".out");
            Path err = Files.createTempFile("bellwether-run-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                Process process = builder.start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out: " + command);
                }
                return new Run(process.exitValue(), read(out), read(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The CLI's answer (one line of JSON on stdout) for a command that must succeed. */
    static JsonElement cliAnswer(String... args) {
        List<String> command = new ArrayList<>();
        command.add(cli().toString());
        command.addAll(Arrays.asList(args));
        Run run = run(command, null);
        assertEquals(0, run.exit(), () -> "bellwether " + String.join(" ", args) + " failed: " + run.stderr());
        assertEquals(1, run.stdout().lines().count(), "the CLI prints one line");
        return json(run.stdout());
    }

    /** A fresh JVM (with -Xcheck:jni) running `mainClass` with `classPath` and extra options. */
    static Run java(String classPath, String mainClass, String... options) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xcheck:jni");
        command.addAll(Arrays.asList(options));
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        return run(command, null);
    }
}
