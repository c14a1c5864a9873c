package io.bellwether.api.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bellwether's JSON answers as plain Java values (LinkedHashMap, ArrayList, String, Long,
 * Double, Boolean, null): what a Pipeline step returns, so a Jenkinsfile reads
 * {@code decision.risk_score} without JSON classes that the sandbox or CPS would refuse.
 */
public final class JsonValues {
    private JsonValues() {}

    /** An answer that must be a JSON object. */
    public static Map<String, Object> object(String json) {
        final Object value;
        try {
            value = plain(JsonParser.parseString(json));
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    static Object plain(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            final Map<String, Object> map = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
            return map;
        }
        if (e.isJsonArray()) {
            final List<Object> list = new ArrayList<>();
            e.getAsJsonArray().forEach(item -> list.add(plain(item)));
            return list;
        }
        final JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isString()) {
            return p.getAsString();
        }
        return number(p.getAsNumber().toString());
    }

    // The literal decides: 38 is a count (Long), 38.0 and 3.8e1 are measurements (Double), as
    // the core wrote them.
    private static Object number(String literal) {
        if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooLarge) {
                return new BigDecimal(literal).doubleValue();
            }
        }
        return Double.parseDouble(literal);
    }
}
