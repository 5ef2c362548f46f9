package dev.huddle.cli;

import dev.huddle.app.agent.AgentView;
import dev.huddle.app.lease.LeaseView;
import dev.huddle.app.token.TokenView;
import dev.huddle.core.event.Event;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.frontier.Participant;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Message;
import dev.huddle.core.time.TimeText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The --json shapes of Huddle's records. Field names are part of the interface (README, "JSON
 * output"): snake_case, times as ISO-8601 UTC strings, absent values omitted.
 */
public final class JsonViews {

    private JsonViews() {}

    public static Map<String, Object> agent(AgentView v) {
        var a = v.agent();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id().value());
        m.put("name", a.displayName());
        m.put("roles", a.profile().roles().stream().map(Object::toString).toList());
        a.profile().program().ifPresent(p -> m.put("program", p));
        a.profile().model().ifPresent(p -> m.put("model", p));
        a.profile().task().ifPresent(p -> m.put("task", p));
        a.profile().worktree().ifPresent(p -> m.put("worktree", p));
        a.profile().branch().ifPresent(p -> m.put("branch", p));
        m.put("presence", v.presence().label());
        m.put("last_seen", time(a.lastSeen()));
        a.leftAt().ifPresent(t -> m.put("left_at", time(t)));
        m.put("clock", a.clock().value());
        m.put("epoch", a.at().epoch());
        m.put("round", a.at().round());
        return m;
    }

    public static Map<String, Object> lease(Lease l, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("resource", l.resource().text());
        m.put("holder", l.holder().value());
        m.put("mode", l.mode().label());
        m.put("token", l.token().value());
        l.reason().ifPresent(r -> m.put("reason", r));
        l.task().ifPresent(t -> m.put("task", t));
        m.put("granted_at", time(l.grantedAt()));
        m.put("expires_at", time(l.expiresAt()));
        m.put("seconds_left", l.timeLeft(now).toSeconds());
        l.releasedAt().ifPresent(t -> m.put("released_at", time(t)));
        return m;
    }

    public static Map<String, Object> leaseView(LeaseView v, Instant now) {
        Map<String, Object> m = lease(v.lease(), now);
        m.put("state", v.state().label());
        m.put("holder_presence", v.holderPresence().label());
        return m;
    }

    public static Map<String, Object> conflict(Conflict c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested", c.requested().text());
        m.put("held_by", lease(c.heldBy(), now));
        return m;
    }

    public static List<Map<String, Object>> conflicts(List<Conflict> cs, Instant now) {
        return cs.stream().map(c -> conflict(c, now)).toList();
    }

    public static Map<String, Object> message(Message msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", msg.id());
        m.put("from", msg.sender().value());
        m.put("to", msg.recipients());
        msg.subject().ifPresent(s -> m.put("subject", s));
        m.put("body", msg.body());
        m.put("importance", msg.importance().label());
        m.put("ack_required", msg.ackRequired());
        msg.thread().ifPresent(t -> m.put("thread", t));
        msg.replyTo().ifPresent(r -> m.put("reply_to", r));
        m.put("stamp", msg.stamp().value());
        m.put("sent_at", time(msg.sentAt()));
        return m;
    }

    public static Map<String, Object> envelope(Envelope e) {
        Map<String, Object> m = message(e.message());
        e.delivery().deliveredAt().ifPresent(t -> m.put("delivered_at", time(t)));
        e.delivery().readAt().ifPresent(t -> m.put("read_at", time(t)));
        e.delivery().ackedAt().ifPresent(t -> m.put("acked_at", time(t)));
        return m;
    }

    public static List<Map<String, Object>> envelopes(List<Envelope> es) {
        return es.stream().map(JsonViews::envelope).toList();
    }

    public static Map<String, Object> event(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("stamp", e.stamp().value());
        e.agent().ifPresent(a -> m.put("agent", a.value()));
        m.put("at", time(e.wall()));
        m.put("kind", e.kind());
        e.task().ifPresent(t -> m.put("task", t));
        e.path().ifPresent(p -> m.put("path", p));
        m.put("data", e.data());
        return m;
    }

    public static Map<String, Object> verdict(FrontierVerdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("safe", v.safe());
        m.put("epoch", v.query().epoch());
        if (v.query().round() != null) {
            m.put("round", v.query().round());
        }
        m.put("participants", v.participants());
        m.put("blockers", v.blockers().stream().map(JsonViews::participant).toList());
        return m;
    }

    private static Map<String, Object> participant(Participant p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", p.agent().value());
        m.put("epoch", p.at().epoch());
        m.put("round", p.at().round());
        m.put("presence", p.presence().label());
        return m;
    }

    /** A token as {@code token list} shows it: never its secret nor its hash. */
    public static Map<String, Object> token(TokenView t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("agent", t.agent().value());
        m.put("operator", t.operator());
        m.put("state", t.state());
        m.put("created_at", time(t.createdAt()));
        t.expiresAt().ifPresent(x -> m.put("expires_at", time(x)));
        t.lastUsed().ifPresent(x -> m.put("last_used", time(x)));
        t.revokedAt().ifPresent(x -> m.put("revoked_at", time(x)));
        return m;
    }

    /** Every time in every JSON view: {@link TimeText}, ISO-8601 UTC with milliseconds. */
    public static String time(Instant t) {
        return TimeText.format(t);
    }
}
