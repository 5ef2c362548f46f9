package dev.huddle.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for the hottest path, the agent programs' hooks: one payload in,
 * one short answer out, per process. jackson-core's parser costs about 10 ms of a cold start before
 * reading a byte (its base class initialises {@code BigInteger} and {@code BigDecimal} constants,
 * run by the interpreter), and jackson-jr's writer loads the time-zone database; this class does
 * neither. The event log uses it too, since every write appends one event. Everything else keeps
 * using {@link Json}.
 *
 * <p>Reads standard JSON (RFC 8259): objects (key order kept; a repeated key keeps the last value),
 * arrays, strings with every escape including surrogate pairs, {@code true}, {@code false},
 * {@code null}, numbers as {@link Long} when integral and in range, else {@link Double}. Writes
 * maps, lists, strings, numbers, booleans and null exactly as {@link Json#write} does (a map entry
 * whose value is null is left out).
 */
public final class MiniJson {

    private static final int MAX_DEPTH = 512;
    private static final String HEX = "0123456789ABCDEF";

    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    /** Parses one JSON object; anything else is an {@link IllegalArgumentException} naming the problem and offset. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        MiniJson r = new MiniJson(text);
        r.space();
        if (r.i >= text.length() || text.charAt(r.i) != '{') {
            throw r.error("expected a JSON object");
        }
        Object value = r.value(0);
        r.space();
        if (r.i != text.length()) {
            throw r.error("unexpected text after the object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * Parses one JSON value of any kind (the API's results may be arrays, strings, numbers or
     * null); malformed text is an {@link IllegalArgumentException} naming the problem and offset.
     */
    public static Object read(String text) {
        MiniJson r = new MiniJson(text);
        Object value = r.value(0);
        r.space();
        if (r.i != text.length()) {
            throw r.error("unexpected text after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        space();
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(i);
        if (c == '{') {
            return object(depth);
        }
        if (c == '[') {
            return array(depth);
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || c >= '0' && c <= '9') {
            return number();
        }
        if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        throw error("unexpected character '" + c + "'");
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        space();
        if (peek() == '}') {
            i++;
            return map;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String key = string();
            space();
            expect(':');
            map.put(key, value(depth + 1));
            space();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        i++;
        space();
        if (peek() == ']') {
            i++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            space();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        i++;
        StringBuilder out = null;
        int start = i;
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i);
            if (c == '"') {
                String tail = s.substring(start, i++);
                return out == null ? tail : out.append(tail).toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(s, start, i);
            out.append(escape());
            start = i;
        }
    }

    /** At a backslash: the character it stands for; {@code i} moves past the escape. */
    private char escape() {
        if (i + 1 >= s.length()) {
            throw error("unterminated escape");
        }
        char e = s.charAt(i + 1);
        i += 2;
        return switch (e) {
            case '"', '\\', '/' -> e;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> throw error("invalid escape '\\" + e + "'");
        };
    }

    private char unicode() {
        if (i + 4 > s.length()) {
            throw error("short \\u escape");
        }
        int code = 0;
        for (int k = 0; k < 4; k++) {
            int digit = Character.digit(s.charAt(i + k), 16);
            if (digit < 0) {
                throw error("invalid \\u escape");
            }
            code = code * 16 + digit;
        }
        i += 4;
        return (char) code;
    }

    private Object number() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        boolean integral = true;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                i++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                i++;
            } else {
                break;
            }
        }
        String text = s.substring(start, i);
        try {
            if (integral) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException outOfRange) {
                    // past a long: read as a double below, as for a decimal
                }
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error("invalid number '" + text + "'");
        }
    }

    private void space() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private char next() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(i++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed JSON: " + what + " at character " + i);
    }

    /** Compact JSON of maps, lists, strings, numbers, booleans and nulls, as {@link Json#write} writes them. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    // instanceof rather than a pattern switch: a switch's type-test bootstrap costs milliseconds of a cold start.
    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            quote(text, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() == null) {
                    continue; // as Json.write: absent values are omitted
                }
                out.append(first ? "" : ",");
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int k = 0; k < list.size(); k++) {
                out.append(k == 0 ? "" : ",");
                write(list.get(k), out);
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            quote(value.toString(), out);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\b') {
                out.append("\\b");
            } else if (c == '\f') {
                out.append("\\f");
            } else {
                out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
            }
        }
        out.append('"');
    }
}
