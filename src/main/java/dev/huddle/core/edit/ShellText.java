package dev.huddle.core.edit;

/** Small scanning helpers for {@link ShellLexer}: matching parentheses and {@code $'...'} strings. */
final class ShellText {

    private ShellText() {}

    /**
     * The index of the {@code )} closing the group whose body starts at {@code from}, skipping
     * quoted text and nested groups; the text's length when it is never closed.
     */
    static int closingParen(String s, int from) {
        int depth = 1;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                i = end < 0 ? s.length() : end + 1;
                continue;
            }
            if (c == '"') {
                i = closingQuote(s, i + 1) + 1;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return s.length();
    }

    private static int closingQuote(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '"') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, s.length());
    }

    /** The index of the quote ending a {@code $'...'} string whose body starts at {@code from}. */
    static int ansiEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '\'') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, s.length());
    }

    /** The value of a {@code $'...'} body: the common backslash escapes decoded, others kept. */
    static String ansiC(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\', '\'', '"' -> out.append(e);
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }
}
