package dev.huddle.core.text;

import dev.huddle.core.HuddleException;

/**
 * The one rule for text an agent supplies as a single line (display names, roles, program, model,
 * task, worktree, branch, subjects, reasons, thread keys, queue names): no control character of
 * any kind, so nothing stored can later ring a bell, move a cursor, rewrite a line or reorder the
 * text around it wherever it is shown. Refused, not cleaned: the agent learns at once, and what
 * it typed is never silently changed.
 */
public final class SingleLine {

    private SingleLine() {}

    /** Returns {@code value} unchanged when it holds no control character; else a usage error naming it. */
    public static String require(String what, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (TerminalText.controls(c)) {
                throw HuddleException.invalid(what + " contains a control character (" + name(c) + " at position "
                        + (i + 1) + "): give one line of printable text");
            }
        }
        return value;
    }

    private static String name(char c) {
        return switch (c) {
            case 0x1b -> "ESC";
            case 0x07 -> "BEL";
            case '\r' -> "CR";
            case '\n' -> "newline";
            case '\t' -> "tab";
            case 0x08 -> "backspace";
            case 0x7f -> "DEL";
            default -> String.format("U+%04X", (int) c);
        };
    }
}
