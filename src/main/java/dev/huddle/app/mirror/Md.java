package dev.huddle.app.mirror;

import dev.huddle.core.text.TerminalText;
import dev.huddle.core.text.UntrustedFrame;

/**
 * Agent-written text made safe for the mirror: control characters replaced, table cells kept to
 * one line without column breaks, and longer text quoted, with lines that could pass for the
 * mirror's own headings defused (DESIGN §8).
 */
final class Md {

    private Md() {}

    /** One table cell or inline value. */
    static String cell(String text) {
        return TerminalText.oneLine(text).replace("|", "\\|");
    }

    /** A block of agent text as a Markdown quote. */
    static String quote(String text) {
        String safe = UntrustedFrame.neutralise(text.strip());
        return "> " + safe.replace("\n", "\n> ") + "\n";
    }

    static String link(String taskId) {
        return "[" + taskId + "](tasks/" + taskId + ".md)";
    }
}
