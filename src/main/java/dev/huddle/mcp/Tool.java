package dev.huddle.mcp;

import dev.huddle.api.Operation;
import dev.huddle.api.Operations;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One MCP tool: its name, description, input schema and hints, and the Coordinator use case it
 * translates to ({@link Operations}), with the arguments bound from the call. No logic of its own.
 *
 * @param operation the use case whose result the tool answers with (its output schema)
 * @param untrusted whether the result carries other agents' text: its text then goes inside the
 *                  untrusted frame, as the hooks show it
 * @param text      how the result reads as text, when not as its JSON (null: the JSON)
 */
record Tool(String name, String description, Map<String, Object> input, Hint hint, Operation operation,
            boolean untrusted, Binding binding, BiFunction<Object, Instant, String> text) {

    /** MCP's tool annotations, in the three combinations Huddle's tools have. */
    enum Hint {
        READ(true, false, true), WRITE(false, false, false), IDEMPOTENT(false, false, true);

        final boolean readOnly;
        final boolean destructive;
        final boolean idempotent;

        Hint(boolean readOnly, boolean destructive, boolean idempotent) {
            this.readOnly = readOnly;
            this.destructive = destructive;
            this.idempotent = idempotent;
        }
    }

    /** A use case with its arguments, ready to invoke. */
    record Bound(Operation operation, Object... args) {}

    /** Binds a call's arguments to a use case; an argument of the wrong kind throws IllegalArgumentException. */
    @FunctionalInterface
    interface Binding {
        Bound bind(Caller caller, Args args);
    }

    /** The result as structured content: an object; a list result is {@code {"items": [...]}}. */
    Map<String, Object> outputSchema() {
        Type result = operation.result();
        boolean list = result instanceof ParameterizedType p && p.getRawType() == List.class;
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        if (untrusted) {
            properties.put(UntrustedContent.KEY, UntrustedContent.schemaProperty());
        }
        if (list) {
            properties.put("items", Map.of("type", "array"));
        }
        Map<String, Object> schema = new java.util.LinkedHashMap<>();
        schema.put("type", "object");
        if (!properties.isEmpty()) {
            schema.put("properties", properties);
        }
        if (list) {
            schema.put("required", List.of("items"));
        }
        return schema;
    }

    static Operation op(String name) {
        return Operations.named(name).orElseThrow(() -> new IllegalStateException("no operation " + name));
    }
}
