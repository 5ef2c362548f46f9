package dev.huddle.render;

import dev.huddle.app.agent.AgentView;
import dev.huddle.app.lease.LeaseView;
import dev.huddle.app.overview.Briefing;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.core.time.DurationText;
import java.time.Instant;

/**
 * The session-start context an agent reads ({@code prime}, and the hooks' session start through
 * {@link SessionText}): Huddle's own facts outside the frame, everything other agents wrote
 * (names, reasons, messages) inside the untrusted frame (DESIGN §8).
 */
public final class BriefingText {

    private BriefingText() {}

    public static String render(Briefing b, Instant now) {
        var self = b.self().agent();
        StringBuilder facts = new StringBuilder();
        facts.append("[huddle] You are ").append(self.id()).append(" at ").append(self.at())
                .append(". Store: ").append(b.status().store()).append('\n')
                .append("[huddle] ").append(b.status().agents().size()).append(" agent(s), ")
                .append(b.status().leases().size()).append(" live lease(s), ")
                .append(b.unread().size()).append(" unread message(s) for you.\n");
        StringBuilder framed = new StringBuilder();
        framed.append("Agents:\n");
        for (AgentView v : b.status().agents()) {
            framed.append("- ").append(UntrustedFrame.neutralise(agentLine(v))).append('\n');
        }
        framed.append("Leases:\n");
        if (b.status().leases().isEmpty()) {
            framed.append("- none\n");
        }
        for (LeaseView v : b.status().leases()) {
            framed.append("- ").append(leaseLine(v, self.id().value(), now)).append('\n');
        }
        framed.append("Unread messages:\n");
        if (b.unread().isEmpty()) {
            framed.append("- none\n");
        }
        for (Envelope e : b.unread()) {
            framed.append(messageLines(e));
        }
        return facts + UntrustedFrame.wrap(framed.toString()) + "\n";
    }

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
