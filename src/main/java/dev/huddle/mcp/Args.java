package dev.huddle.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call's arguments as the client sent them (JSON: strings, numbers, booleans, lists).
 * A value of the wrong type is an {@link IllegalArgumentException} naming the argument: the call
 * answers it as a tool error, never as a crash.
 */
record Args(Map<String, Object> values) {

    Args {
        values = values == null ? Map.of() : values;
    }

    String text(String name) {
        return optionalText(name).orElseThrow(() -> new IllegalArgumentException("argument '" + name + "' is required"));
    }

    Optional<String> optionalText(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s).filter(t -> !t.isBlank());
        }
        throw wrong(name, "a string");
    }

    List<String> texts(String name) {
        Object v = values.get(name);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw wrong(name, "a non-empty list of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw wrong(name, "a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    boolean flag(String name) {
        Object v = values.get(name);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(name, "true or false");
    }

    Optional<Long> optionalNumber(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(n.longValue());
        }
        // Clients (and models) often quote ids: "12" is 12.
        if (v instanceof String s && s.strip().matches("-?\\d{1,18}")) {
            return Optional.of(Long.parseLong(s.strip()));
        }
        throw wrong(name, "a whole number");
    }

    long number(String name) {
        return optionalNumber(name).orElseThrow(() -> new IllegalArgumentException("argument '" + name + "' is required"));
    }

    private static IllegalArgumentException wrong(String name, String what) {
        return new IllegalArgumentException("argument '" + name + "' must be " + what);
    }
}
