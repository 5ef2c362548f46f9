package dev.huddle.integration.install;

import dev.huddle.core.HuddleException;
import dev.huddle.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Settings files as the agent programs write them: JSON indented by two spaces, as JavaScript's
 * {@code JSON.stringify(value, null, 2)} does, plus a final newline. Reading keeps key order and
 * number text, and refuses anything that is not one JSON object, naming the file and line.
 */
final class SettingsJson {

    private SettingsJson() {}

    /**
     * The object a settings file holds; blank text is an empty object.
     *
     * @throws HuddleException naming {@code file}, the line and the problem, when the text is not one JSON object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String text, Path file) {
        if (text.isBlank()) {
            return new java.util.LinkedHashMap<>();
        }
        Object value;
        try {
            value = Json.readDocument(text);
        } catch (Json.Malformed e) {
            String where = e.line() > 0 ? " at line " + e.line() + (e.column() > 0 ? ", column " + e.column() : "") : "";
            String hint = e.getMessage().contains("comment")
                    ? " (comments are not JSON; Huddle rewrites the file and would lose them: remove them first)" : "";
            throw HuddleException.failed(file + " is not valid JSON" + where + ": " + e.getMessage() + hint
                    + "; nothing was written");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw HuddleException.failed(file + " must hold a JSON object at the top level; nothing was written");
        }
        return (Map<String, Object>) map;
    }

    /** The document's text, two-space indented, ending with a newline. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, "");
        return out.append('\n').toString();
    }

    private static void append(StringBuilder out, Object value, String indent) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> object(out, map, indent);
            case List<?> list -> array(out, list, indent);
            case String s -> string(out, s);
            case Boolean b -> out.append(b);
            case BigDecimal d -> out.append(d);
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> out.append(d.longValue());
            case Number n -> out.append(n);
            default -> string(out, value.toString());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        boolean first = true;
        for (var e : map.entrySet()) {
            out.append(first ? "" : ",\n").append(inner);
            string(out, String.valueOf(e.getKey()));
            out.append(": ");
            append(out, e.getValue(), inner);
            first = false;
        }
        out.append('\n').append(indent).append('}');
    }

    private static void array(StringBuilder out, List<?> list, String indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        String inner = indent + "  ";
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "" : ",\n").append(inner);
            append(out, list.get(i), inner);
        }
        out.append('\n').append(indent).append(']');
    }

    /** A JSON string escaped as JSON.stringify escapes it: quote, backslash, control characters, lone surrogates. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)));
                    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                        lone = false;
                    }
                    if (c < 0x20 || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
