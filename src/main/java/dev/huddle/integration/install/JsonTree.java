package dev.huddle.integration.install;

import dev.huddle.core.HuddleException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Small operations on parsed JSON (maps, lists, scalars) that keep key order. */
final class JsonTree {

    private JsonTree() {}

    /** A deep, mutable copy. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        return (T) switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(copy(v)));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }

    /** The object under {@code key}, created (at the end) when missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> parent, String key, Path file, String where) {
        Object value = parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        if (!(value instanceof Map<?, ?>)) {
            throw shape(file, where + " is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** The array under {@code key}, created (at the end) when missing. */
    @SuppressWarnings("unchecked")
    static List<Object> array(Map<String, Object> parent, String key, Path file, String where) {
        Object value = parent.computeIfAbsent(key, k -> new ArrayList<>());
        if (!(value instanceof List<?>)) {
            throw shape(file, where + " is not a JSON array");
        }
        return (List<Object>) value;
    }

    /** The value as an object, or null when it is something else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    /** The value as an array, or null when it is something else. */
    @SuppressWarnings("unchecked")
    static List<Object> asArray(Object value) {
        return value instanceof List<?> ? (List<Object>) value : null;
    }

    /** The map with {@code key} set to {@code value} in first position. */
    static Map<String, Object> withFirst(Map<String, Object> map, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, value);
        map.forEach((k, v) -> {
            if (!k.equals(key)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * A copy of a settings document with Huddle's entries removed from every event under
     * {@code "hooks"}: {@code removeOurs} edits one event's list and says whether it removed
     * anything; events left empty go, and so does {@code "hooks"} when nothing is left in it.
     */
    static Map<String, Object> withoutOurs(Map<String, Object> document, Predicate<List<Object>> removeOurs) {
        Map<String, Object> root = copy(document);
        Map<String, Object> events = asObject(root.get("hooks"));
        if (events == null) {
            return root;
        }
        boolean removedAny = false;
        for (Iterator<Map.Entry<String, Object>> it = events.entrySet().iterator(); it.hasNext(); ) {
            List<Object> entries = asArray(it.next().getValue());
            if (entries != null && removeOurs.test(entries)) {
                removedAny = true;
                if (entries.isEmpty()) {
                    it.remove();
                }
            }
        }
        if (removedAny && events.isEmpty()) {
            root.remove("hooks");
        }
        return root;
    }

    static HuddleException shape(Path file, String problem) {
        return HuddleException.failed(file + ": " + problem + "; fix the file by hand, nothing was written");
    }
}
