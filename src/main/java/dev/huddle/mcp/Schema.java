package dev.huddle.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON Schemas for tool inputs: every byte here is paid for in each agent's context, so
 * descriptions only where the name does not say it all.
 */
final class Schema {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static Schema object() {
        return new Schema();
    }

    Schema text(String name, String description) {
        return add(name, "string", description);
    }

    Schema texts(String name, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "array");
        p.put("items", Map.of("type", "string"));
        if (description != null) {
            p.put("description", description);
        }
        properties.put(name, p);
        return this;
    }

    Schema number(String name, String description) {
        return add(name, "integer", description);
    }

    /** A number that may come quoted, as ids often do. */
    Schema id(String name, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", List.of("integer", "string"));
        if (description != null) {
            p.put("description", description);
        }
        properties.put(name, p);
        return this;
    }

    Schema flag(String name, String description) {
        return add(name, "boolean", description);
    }

    /** Marks the last-added property as required. */
    Schema required() {
        required.add(properties.keySet().stream().reduce((a, b) -> b).orElseThrow());
        return this;
    }

    Map<String, Object> build() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        if (!required.isEmpty()) {
            s.put("required", List.copyOf(required));
        }
        s.put("additionalProperties", false);
        return s;
    }

    private Schema add(String name, String type, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        if (description != null) {
            p.put("description", description);
        }
        properties.put(name, p);
        return this;
    }
}
