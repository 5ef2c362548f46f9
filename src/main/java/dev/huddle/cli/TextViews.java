package dev.huddle.cli;

import dev.huddle.render.RefusalText;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Message;
import dev.huddle.core.time.DurationText;
import dev.huddle.core.time.TimeText;
import dev.huddle.render.MessageLines;
import java.time.Instant;

/**
 * Human renderings shared by several commands. Everything an agent wrote (a lease's resource,
 * reason and task, a message's header and body) goes through {@link Output#one}/{@link Output#clean},
 * so it is printed cleaned and inside the untrusted frame.
 */
public final class TextViews {

    private TextViews() {}

    public static String lease(Lease l, Instant now) {
        return Output.one(l.resource().text()) + "  " + l.mode().label() + "  " + l.holder() + "  token " + l.token()
                + "  " + DurationText.format(l.timeLeft(now)) + " left"
                + l.task().map(t -> "  task " + Output.one(t)).orElse("")
                + l.reason().map(r -> "  (" + Output.one(r) + ")").orElse("");
    }

    /** One of the reader's own leases: {@code an exclusive lease on src/** until 2026-…Z (29m left, token 3)}. */
    public static String own(Lease l, Instant now) {
        return (l.mode() == LeaseMode.EXCLUSIVE ? "an " : "a ") + l.mode().label() + " lease on "
                + l.resource().text() + " until " + TimeText.format(l.expiresAt()) + " ("
                + DurationText.format(l.timeLeft(now)) + " left, token " + l.token() + ")";
    }

    /** A lease that has just ended: what it was, without a time left. */
    public static String endedLease(Lease l) {
        return Output.one(l.resource().text()) + "  " + l.mode().label() + "  " + l.holder() + "  token " + l.token()
                + l.task().map(t -> "  task " + Output.one(t)).orElse("");
    }

    public static String conflict(Conflict c, Instant now) {
        return RefusalText.conflict(c, now, Output::one);
    }

    public static String envelopeHeader(Envelope e) {
        Message m = e.message();
        String state = e.delivery().readAt().isPresent() ? " [read]"
                : e.delivery().deliveredAt().isPresent() ? " [delivered]" : "";
        return header(m) + state;
    }

    public static String header(Message m) {
        return MessageLines.header(m, Output::one);
    }

    public static String body(Message m) {
        return Output.clean(MessageLines.body(m));
    }

    public static String verdict(FrontierVerdict v) {
        StringBuilder s = new StringBuilder(v.safe() ? "SAFE" : "NOT SAFE");
        s.append(" for ").append(v.query().describe()).append(" (").append(v.participants()).append(" participants)");
        for (var b : v.blockers()) {
            s.append("\n  blocked by ").append(b.agent()).append(" at ").append(b.at())
                    .append(" (").append(b.presence().label()).append(")");
        }
        return s.toString();
    }
}
