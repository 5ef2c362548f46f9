package dev.huddle.hook;

import dev.huddle.json.MiniJson;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JSON object an agent program hands a hook on stdin, read leniently: a missing or mistyped
 * field reads as absent, never as an error, so each use case decides what it cannot do without.
 * Read with {@link MiniJson}, not jackson: this runs before every tool call, and jackson's parser
 * costs about 10 ms of a cold start before it reads a byte.
 */
public final class Payload {

    private static final Payload EMPTY = new Payload(Map.of(), false);

    private final Map<String, Object> fields;
    private final boolean parsed;

    private Payload(Map<String, Object> fields, boolean parsed) {
        this.fields = fields;
        this.parsed = parsed;
    }

    /** Reads stdin's text; anything but one JSON object gives a payload that is not {@link #parsed()}. */
    public static Payload parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        try {
            return new Payload(MiniJson.readObject(text), true);
        } catch (IllegalArgumentException e) {
            return EMPTY;
        }
    }

    public static Payload of(Map<String, Object> fields) {
        return new Payload(fields, true);
    }

    /** Whether stdin held a JSON object. */
    public boolean parsed() {
        return parsed;
    }

    /** A text field; null when absent or not text. */
    public String text(String key) {
        return fields.get(key) instanceof String s ? s : null;
    }

    public boolean flag(String key) {
        return Boolean.TRUE.equals(fields.get(key));
    }

    /** An object field; an empty payload when absent or not an object. */
    @SuppressWarnings("unchecked")
    public Payload object(String key) {
        return fields.get(key) instanceof Map<?, ?> m ? new Payload((Map<String, Object>) m, true) : EMPTY;
    }

    /** The first element of a list of texts ({@code workspace_roots}); null when there is none. */
    public String firstText(String key) {
        return fields.get(key) instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof String s ? s : null;
    }

    /** The first of {@code keys} holding text. */
    public String anyText(String... keys) {
        for (String key : keys) {
            String v = text(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** An absolute directory field as a path; null when absent, relative or not a path. */
    public Path directory(String key) {
        String v = text(key);
        if (v == null || !v.startsWith("/")) {
            return null;
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
