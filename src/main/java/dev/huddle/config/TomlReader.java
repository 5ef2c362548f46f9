package dev.huddle.config;

import dev.huddle.core.HuddleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the TOML that huddle.toml uses: tables ({@code [a]}, {@code [a.b]}), {@code key = value}
 * with strings (basic and literal), integers, booleans and one-line arrays of those, and comments.
 * Written for Huddle rather than taken from a library: every command reads the file when it
 * exists, and a TOML library (tomlj pulls in ANTLR) costs more start-up than the cold CLI can
 * spend. Anything outside this subset is an error naming the file and line, never ignored.
 */
public final class TomlReader {

    private final String file;
    private final Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
    private final Map<String, Integer> positions = new LinkedHashMap<>();
    private int line;
    private String currentName = "";

    private TomlReader(String file) {
        this.file = file;
    }

    /** Table name (dotted, "" for top level) to its keys and values, in file order. */
    public static Map<String, Map<String, Object>> parse(String text, String file) {
        return document(text, file).tables();
    }

    /** The tables, and the line each table header and key was read from (for error messages). */
    public static Document document(String text, String file) {
        TomlReader reader = new TomlReader(file);
        reader.read(text);
        return new Document(reader.tables, reader.positions);
    }

    /** What a file holds, with where each part of it was written. */
    public record Document(Map<String, Map<String, Object>> tables, Map<String, Integer> lines) {

        /** The line of {@code key} in {@code table}, or of the table header when {@code key} is null; 0 if unknown. */
        public int line(String table, String key) {
            return lines.getOrDefault(key == null ? "[" + table + "]" : table + "\0" + key, 0);
        }
    }

    private void read(String text) {
        Map<String, Object> current = tables.computeIfAbsent("", k -> new LinkedHashMap<>());
        String[] lines = text.split("\r?\n", -1);
        for (line = 1; line <= lines.length; line++) {
            String raw = stripComment(lines[line - 1]).strip();
            if (raw.isEmpty()) {
                continue;
            }
            if (raw.startsWith("[")) {
                current = table(raw);
                continue;
            }
            int eq = raw.indexOf('=');
            if (eq <= 0) {
                throw error("expected 'key = value' or '[table]'");
            }
            String key = unquoteKey(raw.substring(0, eq).strip());
            if (current.containsKey(key)) {
                throw error("key '" + key + "' is set twice");
            }
            current.put(key, value(raw.substring(eq + 1).strip()));
            positions.put(currentName + "\0" + key, line);
        }
    }

    private Map<String, Object> table(String raw) {
        if (!raw.endsWith("]") || raw.startsWith("[[")) {
            throw error("malformed table header " + raw + " (write [name] or [parent.name])");
        }
        String name = raw.substring(1, raw.length() - 1).strip();
        if (!name.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw error("invalid table name '" + name + "'");
        }
        if (tables.containsKey(name)) {
            throw error("table [" + name + "] is defined twice");
        }
        Map<String, Object> t = new LinkedHashMap<>();
        tables.put(name, t);
        positions.put("[" + name + "]", line);
        currentName = name;
        return t;
    }

    private String unquoteKey(String key) {
        if (key.matches("[A-Za-z0-9_-]+")) {
            return key;
        }
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            return key.substring(1, key.length() - 1);
        }
        throw error("invalid key '" + key + "'");
    }

    private Object value(String v) {
        if (v.isEmpty()) {
            throw error("missing value after '='");
        }
        if (v.startsWith("[")) {
            if (!v.endsWith("]")) {
                throw error("arrays must open and close on one line");
            }
            List<Object> items = new ArrayList<>();
            for (String part : splitArray(v.substring(1, v.length() - 1))) {
                items.add(value(part.strip()));
            }
            return items;
        }
        if (v.startsWith("\"") || v.startsWith("'")) {
            return string(v);
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (v.matches("[+-]?\\d[\\d_]*")) {
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw error("integer out of range: " + v);
            }
        }
        throw error("unsupported value '" + v + "' (use \"text\", a whole number, true/false or [a, b])");
    }

    private String string(String v) {
        char q = v.charAt(0);
        if (v.length() < 2 || v.charAt(v.length() - 1) != q) {
            throw error("unterminated string " + v);
        }
        String body = v.substring(1, v.length() - 1);
        if (q == '\'') {
            return body;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                throw error("unescaped quote inside string " + v);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw error("string ends with a backslash");
            }
            out.append(switch (body.charAt(i)) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case '"' -> '"';
                case '\\' -> '\\';
                default -> throw error("unsupported escape \\" + body.charAt(i));
            });
        }
        return out.toString();
    }

    private List<String> splitArray(String inner) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote == 0 && c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            if (quote == '"' && c == '\\' && i + 1 < inner.length()) {
                cur.append(c).append(inner.charAt(++i));
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = quote == 0 ? c : quote == c ? 0 : quote;
            }
            cur.append(c);
        }
        if (!cur.toString().isBlank()) {
            parts.add(cur.toString());
        }
        return parts;
    }

    private static String stripComment(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == '"' || c == '\'') {
                quote = quote == 0 ? c : quote == c ? 0 : quote;
            } else if (c == '#' && quote == 0) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    HuddleException error(String what) {
        return HuddleException.failed(file + ":" + line + ": " + what);
    }
}
