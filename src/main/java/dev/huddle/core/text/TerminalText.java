package dev.huddle.core.text;

/**
 * Makes agent-written text safe to print on a terminal: escape sequences and other control
 * characters are replaced, so a message cannot move the cursor, retitle the window or hide text.
 * Newlines and tabs are kept for multi-line text.
 */
public final class TerminalText {

    private TerminalText() {}

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = c != '\n' && c != '\t' && controls(c);
            if (unsafe && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(unsafe ? replacement(c) : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** One line: control characters replaced and line breaks shown as spaces. */
    public static String oneLine(String text) {
        return clean(text).replace('\n', ' ').replace('\t', ' ');
    }

    /**
     * Whether {@code c} can change what a terminal shows rather than being shown: C0 and C1
     * controls and DEL (newline and tab included), line and paragraph separators, and the
     * bidirectional overrides and isolates that reorder the text around them.
     */
    static boolean controls(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String replacement(char c) {
        return c == 0x1b ? "^[" : c < 0x20 ? "^" + (char) (c + 64) : "?";
    }
}
