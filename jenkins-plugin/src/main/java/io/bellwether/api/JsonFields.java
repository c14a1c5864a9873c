package io.bellwether.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the fields of one answer object for the typed records, with errors that name the
 * answer and the field ({@code Decision: risk_score: expected a number}).
 */
final class JsonFields {
    private final String what;
    private final JsonObject object;

    private JsonFields(String what, JsonObject object) {
        this.what = what;
        this.object = object;
    }

    static JsonFields parse(String what, String json) {
        if (json == null) {
            throw new BellwetherException(BellwetherException.INPUT, what + ": the JSON is null");
        }
        try {
            return of(what, JsonParser.parseString(json));
        } catch (JsonParseException e) {
            throw new BellwetherException(BellwetherException.INPUT, what + ": malformed JSON: " + e.getMessage());
        }
    }

    static JsonFields of(String what, JsonElement element) {
        if (element == null || !element.isJsonObject()) {
            throw new BellwetherException(BellwetherException.INPUT, what + ": expected a JSON object");
        }
        return new JsonFields(what, element.getAsJsonObject());
    }

    private BellwetherException bad(String field, String expected) {
        return new BellwetherException(BellwetherException.INPUT, what + ": " + field + ": expected " + expected);
    }

    private JsonElement present(String field) {
        JsonElement e = object.get(field);
        return e == null || e.isJsonNull() ? null : e;
    }

    String text(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw bad(field, "a string");
        }
        return value;
    }

    String optionalText(String field) {
        JsonElement e = present(field);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw bad(field, "a string");
        }
        return e.getAsString();
    }

    double number(String field) {
        Double value = optionalNumber(field);
        if (value == null) {
            throw bad(field, "a number");
        }
        return value;
    }

    Double optionalNumber(String field) {
        JsonElement e = present(field);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw bad(field, "a number");
        }
        return e.getAsDouble();
    }

    Integer optionalInteger(String field) {
        Double value = optionalNumber(field);
        return value == null ? null : (int) Math.round(value);
    }

    boolean flag(String field) {
        JsonElement e = present(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw bad(field, "true or false");
        }
        return e.getAsBoolean();
    }

    boolean optionalFlag(String field, boolean fallback) {
        return present(field) == null ? fallback : flag(field);
    }

    JsonFields object(String field) {
        JsonElement e = present(field);
        if (e == null || !e.isJsonObject()) {
            throw bad(field, "an object");
        }
        return new JsonFields(what + ": " + field, e.getAsJsonObject());
    }

    JsonFields optionalObject(String field) {
        return present(field) == null ? null : object(field);
    }

    /** A list of strings; absent is empty. */
    List<String> texts(String field) {
        return list(field, e -> {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw bad(field, "a list of strings");
            }
            return e.getAsString();
        });
    }

    /** A list of numbers; absent is empty. */
    List<Double> numbers(String field) {
        return list(field, e -> {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw bad(field, "a list of numbers");
            }
            return e.getAsDouble();
        });
    }

    /** A list of objects, each read by {@code read}; absent is empty. */
    <T> List<T> objects(String field, Function<JsonFields, T> read) {
        List<JsonElement> elements = list(field, e -> e);
        List<T> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add(read.apply(of(what + ": " + field + "[" + i + "]", elements.get(i))));
        }
        return Collections.unmodifiableList(out);
    }

    /** An object of scalar values as strings (numbers and booleans as written); absent is empty. */
    Map<String, String> textMap(String field) {
        JsonElement e = present(field);
        if (e == null) {
            return Map.of();
        }
        if (!e.isJsonObject()) {
            throw bad(field, "an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
            JsonElement v = entry.getValue();
            if (!v.isJsonPrimitive()) {
                throw bad(field + "." + entry.getKey(), "a string, number or boolean");
            }
            out.put(entry.getKey(), v.getAsString());
        }
        return Collections.unmodifiableMap(out);
    }

    private <T> List<T> list(String field, Function<JsonElement, T> read) {
        JsonElement e = present(field);
        if (e == null) {
            return List.of();
        }
        if (!e.isJsonArray()) {
            throw bad(field, "a list");
        }
        JsonArray array = e.getAsJsonArray();
        List<T> out = new ArrayList<>(array.size());
        for (JsonElement item : array) {
            out.add(read.apply(item));
        }
        return Collections.unmodifiableList(out);
    }
}
