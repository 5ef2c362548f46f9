package dev.huddle.json;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON text for event data, --json output and hook payloads. jackson-jr rather than
 * jackson-databind: databind costs ~35 ms at JVM start (notes/jvm-startup.md), which the cold
 * CLI cannot afford; jackson-jr's plain maps and lists are all Huddle needs.
 */
public final class Json {

    private static final JSON STD = JSON.builder().build();
    private static final JSON PRETTY = JSON.builder().enable(JSON.Feature.PRETTY_PRINT_OUTPUT).build();

    private Json() {}

    /** Compact one-line JSON of maps, lists, strings, numbers, booleans and nulls. */
    public static String write(Object value) {
        try {
            return STD.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pretty(Object value) {
        try {
            return PRETTY.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON object; malformed text is an {@link IllegalArgumentException} naming the problem. */
    public static Map<String, Object> readObject(String text) {
        try {
            Map<String, Object> map = STD.mapFrom(text);
            return map == null ? new LinkedHashMap<>() : map;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
