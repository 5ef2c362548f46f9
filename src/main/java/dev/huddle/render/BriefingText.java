package dev.huddle.render;

import dev.huddle.app.agent.AgentView;
import dev.huddle.app.lease.LeaseView;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.core.time.DurationText;
import java.time.Instant;

/**
 * The lines of the session-start context an agent reads ({@link SessionText#context}, which both
 * the hooks' session start and {@code prime} print): agents, leases and messages, everything other
 * agents wrote (names, reasons, messages) neutralised for the untrusted frame (DESIGN §8).
 */
public final class BriefingText {

    private BriefingText() {}

    /** One agent as a line of the briefing (agent-written parts not yet neutralised). */
    static String agentLine(AgentView v) {
        var a = v.agent();
        return a.id() + " (" + v.presence().label() + ", at " + a.at() + ")"
                + (a.profile().roles().isEmpty() ? "" : " roles " + a.profile().roles())
                + a.profile().task().map(t -> " task: " + t).orElse("");
    }

    /** One live lease, neutralised, marked "yours:" when the reader holds it. */
    static String leaseLine(LeaseView v, String reader, Instant now) {
        var l = v.lease();
        return (l.holder().value().equals(reader) ? "yours: " : "")
                + UntrustedFrame.neutralise(l.resource().text() + " " + l.mode().label() + " by " + l.holder()
                        + ", " + DurationText.format(l.timeLeft(now)) + " left"
                        + l.task().map(t -> ", task " + t).orElse("")
                        + l.reason().map(r -> ", reason: " + r).orElse(""));
    }

    /** A message for inside the frame: its header line and its body, both neutralised. */
    static String messageLines(Envelope e) {
        return UntrustedFrame.neutralise("- " + MessageLines.header(e.message())) + '\n'
                + UntrustedFrame.neutralise(MessageLines.body(e.message())) + '\n';
    }
}
