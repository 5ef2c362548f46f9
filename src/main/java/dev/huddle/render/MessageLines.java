package dev.huddle.render;

import dev.huddle.core.message.Message;
import dev.huddle.core.text.TerminalText;

/** A message as text lines, shared by every face: the header line and the indented body. */
public final class MessageLines {

    private MessageLines() {}

    /** {@code #12 from alice to bob [urgent] [ack required] thread T-1: subject}, on one line. */
    public static String header(Message m) {
        return "#" + m.id() + " from " + m.sender() + " to " + TerminalText.oneLine(String.join(",", m.recipients()))
                + (m.importance().ordinal() > 1 ? " [" + m.importance().label() + "]" : "")
                + (m.ackRequired() ? " [ack required]" : "")
                + m.thread().map(t -> " thread " + TerminalText.oneLine(t)).orElse("")
                + m.subject().map(s -> ": " + TerminalText.oneLine(s)).orElse("");
    }

    /** The body, cleaned of control sequences and indented four spaces. */
    public static String body(Message m) {
        return "    " + TerminalText.clean(m.body()).replace("\n", "\n    ");
    }
}
