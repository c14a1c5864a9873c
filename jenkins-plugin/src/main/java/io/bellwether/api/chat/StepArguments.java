package io.bellwether.api.chat;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The one-line description of a step call that Pipeline Graph View and Blue Ocean show beside
 * the step name ({@code StepDescriptor.argumentsToString}): the main argument, then the others
 * that were given, e.g. "changes.json (policy: policy.yaml)".
 */
public final class StepArguments {
    private static final int MAX_CHARS = 120;

    private StepArguments() {}

    /** @return null when the main argument is missing, so Jenkins falls back to the step name */
    public static String describe(Map<String, ?> namedArgs, String main, String... others) {
        final String head = value(namedArgs.get(main));
        if (head == null) {
            return null;
        }
        final StringJoiner rest = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (String name : others) {
            final String v = value(namedArgs.get(name));
            if (v != null) {
                rest.add(name + ": " + v);
            }
        }
        final String line = head + rest;
        return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - 1) + "…";
    }

    private static String value(Object v) {
        if (v == null) {
            return null;
        }
        final String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
