package dev.huddle.json;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON text for event data and --json output (hook payloads: {@link MiniJson}). jackson-jr rather than
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

    /**
     * Reads one whole JSON document as users' settings files hold it: objects keep their key order,
     * decimals stay {@link java.math.BigDecimal} (so {@code 1.50} is written back as {@code 1.50}),
     * and a duplicate key or anything after the value is refused. Used by installers, never on a hot
     * path: its reader is built on first use.
     *
     * @throws Malformed naming the line and column where reading stopped
     */
    public static Object readDocument(String text) {
        try (com.fasterxml.jackson.core.JsonParser parser = DocumentReader.FACTORY.createParser(text)) {
            Object value = DocumentReader.JSON_READER.anyFrom(parser);
            if (parser.nextToken() != null) {
                var at = parser.currentTokenLocation();
                throw new Malformed("unexpected text after the JSON value", at.getLineNr(), at.getColumnNr(), null);
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new Malformed(firstLine(e.getOriginalMessage()), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), e);
        } catch (IOException e) {
            throw new Malformed(firstLine(e.getMessage()), 0, 0, e);
        }
    }

    /** A JSON document that cannot be read: what was wrong, and where (1-based line and column; 0 when unknown). */
    public static final class Malformed extends IllegalArgumentException {

        private final int line;
        private final int column;

        Malformed(String problem, int line, int column, Throwable cause) {
            super(problem, cause);
            this.line = Math.max(line, 0);
            this.column = Math.max(column, 0);
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** The strict document reader, built only when an installer needs it. */
    private static final class DocumentReader {
        static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();
        static final JSON JSON_READER = JSON.builder()
                .enable(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
                .disable(JSON.Feature.USE_DEFERRED_MAPS)
                .build();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
