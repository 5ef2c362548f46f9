package dev.huddle.api;

import dev.huddle.json.MiniJson;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for every request and result of the operations table, by reflection over record components
 * on top of {@link MiniJson} (no jackson: the remote CLI is a cold-start path, docs/decisions.md).
 *
 * <p>Rules, by declared type: records are objects of their components; a record with a single
 * component is that component's value ({@code AgentId} is {@code "alice"}, {@code FencingToken} is
 * {@code 42}); a type with a static {@code parse(String)} or {@code fromText(String)} and a
 * {@code text()} is its text ({@code TaskId} {@code "T-3"}, {@code Resource}, {@code Address});
 * a sealed interface is its variant's object plus {@link #DISCRIMINATOR} naming the variant;
 * {@code Optional} is the value or absent; {@code List} an array; {@code Map} an object; enums their
 * name; {@code Instant}, {@code Duration} ISO-8601 text; {@code Path} its text; integers numbers.
 * An absent field decodes as empty (Optional, List, Map) or null; an unknown field is refused.
 */
public final class JsonCodec {

    /** The field naming a sealed interface's variant (its simple class name). */
    public static final String DISCRIMINATOR = "type";

    private JsonCodec() {}

    /** {@code value} as JSON text. */
    public static String write(Object value, Type type) {
        return MiniJson.write(encode(value, type));
    }

    /** JSON text as a value of {@code type}; malformed or mistyped input is an {@link IllegalArgumentException}. */
    public static Object read(String json, Type type) {
        return decode(MiniJson.read(json), type, "$");
    }

    /** The request body of {@code op} for these arguments (a stream's sink, when passed, left out). */
    public static Map<String, Object> request(Operation op, Object... args) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Operation.Field> fields = op.fields();
        for (int k = 0; k < fields.size(); k++) {
            body.put(fields.get(k).name(), encode(args[k], fields.get(k).type()));
        }
        return body;
    }

    /** The arguments of {@code op} from its request body, in parameter order (no sink). */
    public static Object[] arguments(Operation op, Map<String, Object> body) {
        List<Operation.Field> fields = op.fields();
        for (String key : body.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                throw new IllegalArgumentException("unknown field '" + key + "' in the request of " + op.name());
            }
        }
        Object[] args = new Object[fields.size()];
        for (int k = 0; k < fields.size(); k++) {
            Operation.Field f = fields.get(k);
            args[k] = decode(body.get(f.name()), f.type(), f.name());
        }
        return args;
    }

    /** The JSON tree (maps, lists, strings, numbers, booleans, null) of a value of {@code type}. */
    public static Object encode(Object value, Type type) {
        if (value == null) {
            return null;
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                return ((Optional<?>) value).map(v -> encode(v, args[0])).orElse(null);
            }
            if (List.class.isAssignableFrom(raw)) {
                List<Object> out = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    out.add(encode(element, args[0]));
                }
                return out;
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.put(String.valueOf(encode(e.getKey(), args[0])), encode(e.getValue(), args[1]));
                }
                return out;
            }
            throw unsupported(type);
        }
        Class<?> c = (Class<?>) type;
        if (c == Object.class) {
            return anyJson(value);
        }
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Instant || value instanceof Duration || value instanceof Path) {
            return value.toString();
        }
        Shape shape = Shape.of(c);
        if (shape.text != null) {
            return shape.text(value);
        }
        Class<?> variant = value.getClass();
        Shape own = shape.sealed ? Shape.of(variant) : shape;
        if (!own.sealedVariant && own.components.length == 1) {
            return encode(own.get(value, 0), own.components[0].getGenericType());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (own.sealedVariant) {
            out.put(DISCRIMINATOR, variant.getSimpleName());
        }
        for (int k = 0; k < own.components.length; k++) {
            out.put(own.components[k].getName(), encode(own.get(value, k), own.components[k].getGenericType()));
        }
        return out;
    }

    /** A value of {@code type} from its JSON tree; {@code where} names the spot in messages. */
    public static Object decode(Object json, Type type, String where) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                return json == null ? Optional.empty() : Optional.of(decode(json, args[0], where));
            }
            if (List.class.isAssignableFrom(raw)) {
                if (json == null) {
                    return List.of();
                }
                List<Object> out = new ArrayList<>();
                List<?> list = expect(json, List.class, "an array", where);
                for (int k = 0; k < list.size(); k++) {
                    out.add(decode(list.get(k), args[0], where + "[" + k + "]"));
                }
                return out;
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<Object, Object> out = new LinkedHashMap<>();
                if (json == null) {
                    return out;
                }
                for (Map.Entry<?, ?> e : ((Map<?, ?>) expect(json, Map.class, "an object", where)).entrySet()) {
                    String at = where + "." + e.getKey();
                    out.put(decode(e.getKey(), args[0], at), decode(e.getValue(), args[1], at));
                }
                return out;
            }
            throw unsupported(type);
        }
        Class<?> c = (Class<?>) type;
        if (json == null) {
            // Absent is null only where the document says so (boxed numbers, any JSON); a record's
            // other fields would reach the use case as null and fail there as a 500, not a 400.
            if (c == Long.class || c == Integer.class || c == Object.class) {
                return null;
            }
            throw new IllegalArgumentException(where + ": missing");
        }
        if (c == Object.class) {
            return json;
        }
        if (c == String.class) {
            return expect(json, String.class, "a string", where);
        }
        if (c == boolean.class || c == Boolean.class) {
            return json instanceof String s ? parseBoolean(s, where) : expect(json, Boolean.class, "true or false", where);
        }
        if (c == long.class || c == Long.class) {
            return integer(json, where);
        }
        if (c == int.class || c == Integer.class) {
            return Math.toIntExact(integer(json, where));
        }
        if (c == double.class || c == Double.class) {
            return json instanceof String s ? Double.parseDouble(s) : expect(json, Number.class, "a number", where).doubleValue();
        }
        if (c.isEnum()) {
            return enumConstant(c, expect(json, String.class, "a string", where), where);
        }
        try {
            if (c == Instant.class) {
                return Instant.parse(expect(json, String.class, "an ISO-8601 instant", where));
            }
            if (c == Duration.class) {
                return Duration.parse(expect(json, String.class, "an ISO-8601 duration such as PT30S", where));
            }
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (c == Path.class) {
            return Path.of(expect(json, String.class, "a path", where));
        }
        Shape shape = Shape.of(c);
        if (shape.text != null) {
            return shape.parse(expect(json, String.class, "a string", where));
        }
        if (shape.sealed) {
            Map<?, ?> object = expect(json, Map.class, "an object", where);
            Object name = object.get(DISCRIMINATOR);
            for (Class<?> variant : shape.variants) {
                if (variant.getSimpleName().equals(name)) {
                    return Shape.of(variant).construct(object, where);
                }
            }
            throw new IllegalArgumentException(where + ": '" + DISCRIMINATOR + "' must name one of " + shape.variantNames());
        }
        if (shape.components.length == 1 && !shape.sealedVariant) {
            return shape.newInstance(new Object[] {decode(json, shape.components[0].getGenericType(), where)});
        }
        return shape.construct(expect(json, Map.class, "an object", where), where);
    }

    /** Whether values of {@code type} are written as one string, number or boolean. */
    static boolean scalar(Type type) {
        if (!(type instanceof Class<?> c)) {
            return false;
        }
        if (c == String.class || c.isPrimitive() || c == Long.class || c == Integer.class || c == Boolean.class
                || c == Double.class || c.isEnum() || c == Instant.class || c == Duration.class || c == Path.class) {
            return true;
        }
        if (c == Object.class || !(c.isRecord() || c.isInterface())) {
            return false;
        }
        Shape shape = Shape.of(c);
        return shape.text != null
                || !shape.sealed && !shape.sealedVariant && shape.components.length == 1
                        && scalar(shape.components[0].getGenericType());
    }

    private static Object anyJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), anyJson(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonCodec::anyJson).toList();
        }
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value : value.toString();
    }

    private static long integer(Object json, String where) {
        if (json instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": expected an integer, got '" + s + "'");
            }
        }
        if (json instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException(where + ": expected an integer");
    }

    private static boolean parseBoolean(String s, String where) {
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw new IllegalArgumentException(where + ": expected true or false, got '" + s + "'");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> c, String name, String where) {
        try {
            return Enum.valueOf((Class) c, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + name + "' is not one of "
                    + java.util.Arrays.toString(c.getEnumConstants()));
        }
    }

    private static <T> T expect(Object json, Class<T> type, String what, String where) {
        if (!type.isInstance(json)) {
            throw new IllegalArgumentException(where + ": expected " + what);
        }
        return type.cast(json);
    }

    static IllegalStateException unsupported(Type type) {
        return new IllegalStateException("no JSON form for " + type.getTypeName());
    }

    /** How a class is written: as text, as a sealed interface's variants, or as record components. */
    static final class Shape {
        private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
            @Override
            protected Shape computeValue(Class<?> type) {
                return new Shape(type);
            }
        };

        final Class<?> type;
        final Method text;
        final Method parse;
        final boolean sealed;
        final boolean sealedVariant;
        final List<Class<?>> variants;
        final RecordComponent[] components;

        static Shape of(Class<?> type) {
            return SHAPES.get(type);
        }

        private Shape(Class<?> type) {
            this.type = type;
            this.parse = factory(type);
            this.text = parse == null ? null : textMethod(type);
            this.sealed = type.isInterface() && type.isSealed();
            this.variants = sealed ? leaves(type) : List.of();
            this.sealedVariant = !type.isInterface() && isVariant(type);
            this.components = type.isRecord() ? type.getRecordComponents() : new RecordComponent[0];
            if (text == null && !sealed && !type.isRecord()) {
                throw unsupported(type);
            }
            for (RecordComponent c : components) {
                if (sealedVariant && c.getName().equals(DISCRIMINATOR)) {
                    throw new IllegalStateException(type.getName() + " has a component named '" + DISCRIMINATOR + "'");
                }
                c.getAccessor().setAccessible(true);
            }
        }

        String text(Object value) {
            try {
                return (String) text.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        Object parse(String text) {
            return call(() -> parse.invoke(null, text));
        }

        Object get(Object record, int k) {
            try {
                return components[k].getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        Object construct(Map<?, ?> object, String where) {
            for (Object key : object.keySet()) {
                if (!(sealedVariant && DISCRIMINATOR.equals(key))
                        && java.util.Arrays.stream(components).noneMatch(c -> c.getName().equals(key))) {
                    throw new IllegalArgumentException(where + ": unknown field '" + key + "'");
                }
            }
            Object[] args = new Object[components.length];
            for (int k = 0; k < components.length; k++) {
                String name = components[k].getName();
                args[k] = decode(object.get(name), components[k].getGenericType(), where + "." + name);
            }
            return newInstance(args);
        }

        Object newInstance(Object[] args) {
            Class<?>[] types = new Class<?>[components.length];
            for (int k = 0; k < types.length; k++) {
                types[k] = components[k].getType();
            }
            return call(() -> {
                var constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(args);
            });
        }

        String variantNames() {
            return variants.stream().map(Class::getSimpleName).toList().toString();
        }

        private interface Reflective {
            Object call() throws ReflectiveOperationException;
        }

        /** A value type's own validation failure (a HuddleException, say) passes through unchanged. */
        private static Object call(Reflective r) {
            try {
                return r.call();
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Method factory(Class<?> type) {
            for (String name : new String[] {"parse", "fromText"}) {
                try {
                    Method m = type.getDeclaredMethod(name, String.class);
                    if (Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType())) {
                        m.setAccessible(true);
                        return m;
                    }
                } catch (NoSuchMethodException e) {
                    // not this one; try the next name
                }
            }
            return null;
        }

        private static Method textMethod(Class<?> type) {
            try {
                Method m = type.getMethod("text");
                return m.getReturnType() == String.class ? m : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }

        private static boolean isVariant(Class<?> type) {
            for (Class<?> i : type.getInterfaces()) {
                if (i.isSealed()) {
                    return true;
                }
            }
            return false;
        }

        private static List<Class<?>> leaves(Class<?> sealedType) {
            List<Class<?>> out = new ArrayList<>();
            for (Class<?> c : sealedType.getPermittedSubclasses()) {
                if (c.isInterface() && c.isSealed()) {
                    out.addAll(leaves(c));
                } else {
                    out.add(c);
                }
            }
            return out;
        }
    }
}
