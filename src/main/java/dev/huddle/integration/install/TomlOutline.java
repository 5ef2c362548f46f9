package dev.huddle.integration.install;

import java.util.ArrayList;
import java.util.List;

/**
 * The outline of a TOML document: which tables its headers open and which keys it assigns, with
 * full key paths and, for plain string values, the value. Enough to tell whether a table or key
 * already exists before appending to a file that Huddle does not own (Codex's config.toml),
 * without a TOML library (DESIGN §7 keeps those off the start-up path). Multi-line strings,
 * arrays and inline tables spanning lines are skipped over correctly; a line this outline cannot
 * read is counted, so the caller can leave such a file alone.
 */
final class TomlOutline {

    /** One {@code [table]} or {@code [[array]]} header. */
    record Header(int line, List<String> path) {}

    /** One {@code key = value}: the table path joined with the dotted key; {@code text} for a plain one-line string. */
    record Assignment(int line, List<String> path, String text) {}

    private final List<Header> headers = new ArrayList<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private final List<Integer> unreadable = new ArrayList<>();

    private TomlOutline() {}

    static TomlOutline of(String text) {
        TomlOutline outline = new TomlOutline();
        outline.read(text);
        return outline;
    }

    List<Header> headers() {
        return headers;
    }

    List<Assignment> assignments() {
        return assignments;
    }

    /** Lines that are neither blank, comment, header nor assignment as far as this outline can tell. */
    List<Integer> unreadable() {
        return unreadable;
    }

    private void read(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<String> table = List.of();
        Cursor pending = null;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (pending != null) {
                pending = pending.continueWith(line);
                continue;
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[")) {
                boolean array = t.startsWith("[[");
                Key key = Key.read(t, array ? 2 : 1);
                if (key == null || !t.startsWith(array ? "]]" : "]", key.end()) || !restIsComment(t, key.end() + (array ? 2 : 1))) {
                    unreadable.add(n + 1);
                    continue;
                }
                table = key.parts();
                headers.add(new Header(n + 1, table));
                continue;
            }
            Key key = Key.read(t, 0);
            int eq = key == null ? -1 : skipBlanks(t, key.end());
            if (key == null || eq >= t.length() || t.charAt(eq) != '=') {
                unreadable.add(n + 1);
                continue;
            }
            List<String> path = new ArrayList<>(table);
            path.addAll(key.parts());
            int valueAt = skipBlanks(t, eq + 1);
            assignments.add(new Assignment(n + 1, List.copyOf(path), plainString(t, valueAt)));
            pending = new Cursor().continueWith(t.substring(valueAt));
        }
    }

    private static boolean restIsComment(String t, int from) {
        String rest = t.substring(Math.min(from, t.length())).strip();
        return rest.isEmpty() || rest.startsWith("#");
    }

    private static int skipBlanks(String t, int from) {
        int i = from;
        while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The value when it is one plain string on its line, else null. */
    private static String plainString(String t, int at) {
        if (at >= t.length() || t.startsWith("\"\"\"", at) || t.startsWith("'''", at)) {
            return null;
        }
        char q = t.charAt(at);
        if (q != '"' && q != '\'') {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int end = q == '"' ? basic(t, at + 1, out) : t.indexOf('\'', at + 1);
        if (end < 0) {
            return null;
        }
        if (q == '\'') {
            out.append(t, at + 1, end);
        }
        return restIsComment(t, end + 1) ? out.toString() : null;
    }

    /** Reads a basic string's body from {@code from}, unescaped into {@code out}; the index of the closing quote, or -1. */
    static int basic(String t, int from, StringBuilder out) {
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= t.length()) {
                return -1;
            }
            char e = t.charAt(i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'f' -> out.append('\f');
                case 'r' -> out.append('\r');
                case 'e' -> out.append('\u001b');
                case '"', '\\' -> out.append(e);
                case 'u', 'U' -> {
                    int len = e == 'u' ? 4 : 8;
                    if (i + len >= t.length()) {
                        return -1;
                    }
                    try {
                        out.appendCodePoint(Integer.parseInt(t.substring(i + 1, i + 1 + len), 16));
                    } catch (RuntimeException bad) {
                        return -1;
                    }
                    i += len;
                }
                default -> {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** A dotted key read from a line: its parts (unquoted) and where it ends. */
    record Key(List<String> parts, int end) {

        static Key read(String t, int from) {
            List<String> parts = new ArrayList<>();
            int i = skipBlanks(t, from);
            while (true) {
                if (i >= t.length()) {
                    return null;
                }
                char c = t.charAt(i);
                if (c == '"') {
                    StringBuilder part = new StringBuilder();
                    int close = basic(t, i + 1, part);
                    if (close < 0) {
                        return null;
                    }
                    parts.add(part.toString());
                    i = close + 1;
                } else if (c == '\'') {
                    int close = t.indexOf('\'', i + 1);
                    if (close < 0) {
                        return null;
                    }
                    parts.add(t.substring(i + 1, close));
                    i = close + 1;
                } else {
                    int start = i;
                    while (i < t.length() && (Character.isLetterOrDigit(t.charAt(i)) && t.charAt(i) < 128
                            || t.charAt(i) == '_' || t.charAt(i) == '-')) {
                        i++;
                    }
                    if (i == start) {
                        return null;
                    }
                    parts.add(t.substring(start, i));
                }
                int next = skipBlanks(t, i);
                if (next < t.length() && t.charAt(next) == '.') {
                    i = skipBlanks(t, next + 1);
                    continue;
                }
                return new Key(List.copyOf(parts), next);
            }
        }
    }

    /**
     * Follows a value across lines: open brackets and braces, and multi-line strings. Returns
     * itself while the value goes on, null once it ended on the line just read.
     */
    private static final class Cursor {
        private int depth;
        private String inMultiline; // the closing delimiter of a multi-line string being read

        Cursor continueWith(String line) {
            int i = 0;
            while (i < line.length()) {
                if (inMultiline != null) {
                    int close = line.indexOf(inMultiline, i);
                    if (close < 0) {
                        return this;
                    }
                    i = close + 3;
                    while (i < line.length() && line.charAt(i) == inMultiline.charAt(0)) {
                        i++; // up to two more quotes belong to the string
                    }
                    inMultiline = null;
                    continue;
                }
                char c = line.charAt(i);
                if (line.startsWith("\"\"\"", i) || line.startsWith("'''", i)) {
                    inMultiline = line.substring(i, i + 3);
                    i += 3;
                } else if (c == '"') {
                    int close = basic(line, i + 1, new StringBuilder());
                    i = close < 0 ? line.length() : close + 1;
                } else if (c == '\'') {
                    int close = line.indexOf('\'', i + 1);
                    i = close < 0 ? line.length() : close + 1;
                } else if (c == '#') {
                    break;
                } else {
                    depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
                    i++;
                }
            }
            return inMultiline != null || depth > 0 ? this : null;
        }
    }
}
