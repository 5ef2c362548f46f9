package dev.huddle.api;

import dev.huddle.json.MiniJson;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 document of the API, derived from {@link Operations} and {@link JsonCodec}'s
 * rules: a path per operation, a JSON Schema per record, {@code oneOf} with the discriminator for
 * sealed types, the error body, bearer auth. Extensions say what the table says beyond HTTP:
 * {@code x-huddle-read-only}, {@code x-huddle-operator-only}, {@code x-huddle-caller} (fields the
 * server binds from the token).
 */
public final class OpenApi {

    private static final String SCHEMAS = "#/components/schemas/";
    public static final String ERROR = "Error";

    private final Map<String, Object> schemas = new TreeMap<>();
    private final Map<String, Class<?>> named = new LinkedHashMap<>();

    private OpenApi() {}

    /** The document as compact JSON text. */
    public static String json(String version) {
        return MiniJson.write(document(version));
    }

    /** The document as maps and lists. */
    public static Map<String, Object> document(String version) {
        return new OpenApi().build(version);
    }

    private Map<String, Object> build(String version) {
        Map<String, Object> paths = new TreeMap<>();
        for (Operation op : Operations.ALL) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(op.fullPath(), p -> new LinkedHashMap<>());
            item.put(op.verb().name().toLowerCase(java.util.Locale.ROOT), operation(op));
        }
        schemas.put(ERROR, errorSchema());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", map("title", "Huddle", "version", version,
                "description", "Coordination for AI coding agents: leases, messages, the work board, the frontier."));
        doc.put("paths", paths);
        doc.put("components", map("schemas", schemas,
                "securitySchemes", map("bearer", map("type", "http", "scheme", "bearer"))));
        doc.put("security", List.of(map("bearer", List.of())));
        return doc;
    }

    private Map<String, Object> operation(Operation op) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operationId", op.name());
        out.put("tags", List.of(op.accessor()));
        out.put("x-huddle-read-only", op.readOnly());
        out.put("x-huddle-operator-only", op.operatorOnly());
        out.put("x-huddle-caller", op.callerFields());
        if (op.verb() == Operation.Verb.GET) {
            List<Object> parameters = queryParameters(op);
            if (op.isStream()) {
                parameters.add(map("name", "Last-Event-ID", "in", "header", "required", false, "schema", map("type", "string"),
                        "description", "resume after this event id (over afterSeq); every stream starts with an id-only block"));
            }
            out.put("parameters", parameters);
        } else {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (Operation.Field f : op.fields()) {
                properties.put(f.name(), schema(f.type()));
                if (required(f.type()) && !op.callerFields().contains(f.name())) {
                    required.add(f.name());
                }
            }
            out.put("requestBody", map("required", true, "content", map("application/json",
                    map("schema", map("type", "object", "properties", properties, "required", required,
                            "additionalProperties", false)))));
            if (!op.readOnly()) {
                out.put("parameters", List.of(map("name", Operations.DRY_RUN_HEADER, "in", "header", "required", false,
                        "schema", map("type", "string", "enum", List.of("true")),
                        "description", "rehearse (--dry-run): the same answer, the transaction rolled back")));
            }
        }
        Object result = op.isStream()
                ? map("text/event-stream", map("schema", schema(op.result()), "x-huddle-stream", true))
                : map("application/json", map("schema", resultSchema(op.result())));
        Map<String, Object> responses = map("200", map("description", "the use case's answer", "content", result));
        if (op.refuses()) {
            responses.put("409", map("description", "refused (error code denied or not_ready): the error, worded as the"
                    + " CLI words it, with the next step as its hint, and the refused result as the use case returned it",
                    "content", map("application/json", map("schema", map("type", "object",
                            "required", List.of("error", "result"),
                            "properties", map("error", errorObject(), "result", resultSchema(op.result())))))));
        }
        responses.put("default", map("description", "an error from the error table",
                "content", map("application/json", map("schema", ref(ERROR)))));
        out.put("responses", responses);
        return out;
    }

    private List<Object> queryParameters(Operation op) {
        List<Object> out = new ArrayList<>();
        for (Operation.Field f : op.fields()) {
            if (f.type() instanceof Class<?> c && c.isRecord() && !JsonCodec.scalar(c)) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    out.add(parameter(rc.getName(), rc.getGenericType(), false));
                }
            } else {
                // A stream's fields all have defaults on the server (no timeout, from now on).
                out.add(parameter(f.name(), f.type(), required(f.type()) && !op.callerFields().contains(f.name())
                        && !op.isStream()));
            }
        }
        return out;
    }

    private Map<String, Object> parameter(String name, Type type, boolean required) {
        return map("name", name, "in", "query", "required", required, "schema", schema(type));
    }

    /** A top-level optional result is the value or {@code null}. */
    private Object resultSchema(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return map("anyOf", List.of(schema(p.getActualTypeArguments()[0]), map("type", "null")));
        }
        return schema(type);
    }

    private static boolean required(Type type) {
        // Optional, List and Map decode as empty when absent; boxed numbers as null.
        return !(type instanceof ParameterizedType) && type != Long.class && type != Integer.class;
    }

    private Object schema(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                return schema(args[0]);
            }
            if (List.class.isAssignableFrom(raw)) {
                return map("type", "array", "items", schema(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return map("type", "object", "additionalProperties", schema(args[1]));
            }
            throw JsonCodec.unsupported(type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == Path.class) {
            return map("type", "string");
        }
        if (c == long.class || c == Long.class) {
            return map("type", "integer", "format", "int64");
        }
        if (c == int.class || c == Integer.class || c == short.class) {
            return map("type", "integer", "format", "int32");
        }
        if (c == double.class || c == Double.class) {
            return map("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return map("type", "boolean");
        }
        if (c == Instant.class) {
            return map("type", "string", "format", "date-time");
        }
        if (c == Duration.class) {
            return map("type", "string", "format", "duration");
        }
        if (c == Object.class) {
            return map();
        }
        if (c.isEnum()) {
            return map("type", "string", "enum", Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
        }
        JsonCodec.Shape shape = JsonCodec.Shape.of(c);
        if (shape.text != null) {
            return map("type", "string", "description", c.getSimpleName() + " in its text form");
        }
        if (!shape.sealed && !shape.sealedVariant && shape.components.length == 1) {
            return schema(shape.components[0].getGenericType());
        }
        String name = name(c);
        if (!schemas.containsKey(name)) {
            schemas.put(name, Map.of()); // placeholder: recursive types (DependencyTree) refer to themselves
            schemas.put(name, shape.sealed ? sealedSchema(shape) : recordSchema(shape));
        }
        return ref(name);
    }

    private Map<String, Object> sealedSchema(JsonCodec.Shape shape) {
        List<Object> variants = new ArrayList<>();
        Map<String, Object> mapping = new LinkedHashMap<>();
        for (Class<?> v : shape.variants) {
            variants.add(schema(v));
            mapping.put(v.getSimpleName(), SCHEMAS + name(v));
        }
        return map("oneOf", variants, "discriminator", map("propertyName", JsonCodec.DISCRIMINATOR, "mapping", mapping));
    }

    private Map<String, Object> recordSchema(JsonCodec.Shape shape) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        if (shape.sealedVariant) {
            properties.put(JsonCodec.DISCRIMINATOR, map("type", "string", "const", shape.type.getSimpleName()));
            required.add(JsonCodec.DISCRIMINATOR);
        }
        for (RecordComponent rc : shape.components) {
            properties.put(rc.getName(), schema(rc.getGenericType()));
            if (required(rc.getGenericType())) {
                required.add(rc.getName());
            }
        }
        return map("type", "object", "properties", properties, "required", required);
    }

    /** The class name without its package, nested classes joined by dots: {@code LockOutcome.Denied}. */
    private String name(Class<?> c) {
        String name = c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
        Class<?> before = named.putIfAbsent(name, c);
        if (before != null && before != c) {
            throw new IllegalStateException("two schemas named " + name + ": " + before.getName() + " and " + c.getName());
        }
        return name;
    }

    private static Map<String, Object> errorSchema() {
        return map("type", "object", "required", List.of("error"), "properties", map("error", errorObject()));
    }

    /** {@code {"code","message","hint"}}: the error of every failure and refusal. */
    private static Map<String, Object> errorObject() {
        Map<String, Object> string = map("type", "string");
        return map("type", "object", "required", List.of("code", "message"),
                "properties", map("code", string, "message", string, "hint", string));
    }

    private static Map<String, Object> ref(String name) {
        return map("$ref", SCHEMAS + name);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < keyValues.length; k += 2) {
            out.put((String) keyValues[k], keyValues[k + 1]);
        }
        return out;
    }
}
