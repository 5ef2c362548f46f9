package dev.huddle.render;

import dev.huddle.core.message.Message;
import dev.huddle.core.text.TerminalText;
import java.util.function.UnaryOperator;

/** A message as text lines, shared by every face: the header line and the indented body. */
public final class MessageLines {

    private MessageLines() {}

    /** {@code #12 from alice to bob [urgent] [ack required] thread T-1: subject}, on one line. */
    public static String header(Message m) {
        return header(m, TerminalText::oneLine);
    }

    /**
     * The header with the parts the sender wrote (thread key, subject) passed through {@code agentText},
     * which must return them on one line; ids, recipients (validated addresses) and flags are Huddle's.
     */
    public static String header(Message m, UnaryOperator<String> agentText) {
        return "#" + m.id() + " from " + m.sender() + " to " + TerminalText.oneLine(String.join(",", m.recipients()))
                + (m.importance().ordinal() > 1 ? " [" + m.importance().label() + "]" : "")
                + (m.ackRequired() ? " [ack required]" : "")
                + m.thread().map(t -> " thread " + agentText.apply(t)).orElse("")
                + m.subject().map(s -> ": " + agentText.apply(s)).orElse("");
    }

    /** The body, cleaned of control sequences and indented four spaces. */
    public static String body(Message m) {
        return "    " + TerminalText.clean(m.body()).replace("\n", "\n    ");
    }
}
