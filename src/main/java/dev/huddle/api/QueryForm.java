package dev.huddle.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GET operation's request as query parameters: each field is one parameter ({@code ?limit=10}), a
 * list repeats it ({@code ?paths=a&paths=b}), an absent optional leaves it out, and a record of such
 * fields is flattened to its components ({@code log?kind=lease.granted&afterSeq=7}). Values are the
 * JSON forms' text; {@link JsonCodec} reads numbers and booleans back from text.
 */
public final class QueryForm {

    private QueryForm() {}

    /** Whether every field of {@code op} can travel in a query string. */
    public static boolean fits(Operation op) {
        List<String> names = new ArrayList<>();
        for (Operation.Field f : op.fields()) {
            if (flattened(f.type())) {
                for (RecordComponent c : ((Class<?>) f.type()).getRecordComponents()) {
                    names.add(c.getName());
                }
            } else if (simple(f.type())) {
                names.add(f.name());
            } else {
                return false;
            }
        }
        return names.stream().distinct().count() == names.size();
    }

    /** The query parameters of a call, in field order (names repeat for lists). */
    public static List<Map.Entry<String, String>> parameters(Operation op, Object... args) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        Map<String, Object> body = JsonCodec.request(op, args);
        for (Operation.Field f : op.fields()) {
            Object value = body.get(f.name());
            if (flattened(f.type()) && value instanceof Map<?, ?> record) {
                record.forEach((k, v) -> add(out, String.valueOf(k), v));
            } else {
                add(out, f.name(), value);
            }
        }
        return out;
    }

    /** The request body (for {@link JsonCodec#arguments}) from parsed query parameters; an unknown one is refused. */
    public static Map<String, Object> body(Operation op, Map<String, List<String>> query) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> known = new ArrayList<>();
        for (Operation.Field f : op.fields()) {
            if (flattened(f.type())) {
                Map<String, Object> record = new LinkedHashMap<>();
                for (RecordComponent c : ((Class<?>) f.type()).getRecordComponents()) {
                    known.add(c.getName());
                    value(query, c.getName(), c.getGenericType()).ifPresent(v -> record.put(c.getName(), v));
                }
                body.put(f.name(), record);
            } else {
                known.add(f.name());
                value(query, f.name(), f.type()).ifPresent(v -> body.put(f.name(), v));
            }
        }
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown query parameter '" + name + "' for " + op.name()
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
        return body;
    }

    private static Optional<Object> value(Map<String, List<String>> query, String name, Type type) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (isList(type)) {
            return Optional.of(List.copyOf(values));
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("query parameter '" + name + "' given " + values.size() + " times; give it once");
        }
        return Optional.of(values.getFirst());
    }

    private static void add(List<Map.Entry<String, String>> out, String name, Object json) {
        if (json instanceof List<?> list) {
            list.forEach(v -> out.add(Map.entry(name, String.valueOf(v))));
        } else if (json != null) {
            out.add(Map.entry(name, String.valueOf(json)));
        }
    }

    /** A scalar, an optional scalar, or a list of scalars. */
    private static boolean simple(Type type) {
        if (type instanceof ParameterizedType p && (p.getRawType() == Optional.class || p.getRawType() == List.class)) {
            return JsonCodec.scalar(p.getActualTypeArguments()[0]);
        }
        return JsonCodec.scalar(type);
    }

    private static boolean isList(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class;
    }

    /** A record (not a value type) whose components are all simple: sent as its components. */
    private static boolean flattened(Type type) {
        if (!(type instanceof Class<?> c) || !c.isRecord() || JsonCodec.scalar(c)) {
            return false;
        }
        for (RecordComponent rc : c.getRecordComponents()) {
            if (!simple(rc.getGenericType())) {
                return false;
            }
        }
        return true;
    }
}
