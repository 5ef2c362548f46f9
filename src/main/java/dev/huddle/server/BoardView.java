package dev.huddle.server;

import dev.huddle.api.JsonCodec;
import dev.huddle.app.Coordinator;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.message.Envelope;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event log as one caller's stream may show it (docs/decisions.md, "Push through the server").
 * An agent token sees the public board: every event except other agents' messages, meaning a
 * {@code message.send} it neither sent nor received, and anyone else's {@code message.read},
 * {@code message.ack} and {@code message.deliver}. An operator token, and the local operator,
 * see everything.
 *
 * <p>An agent token gets each message addressed to it in full: its {@code message.send}
 * event carries {@code data.message}, the envelope as {@code inbox} gives it. Putting it on the
 * stream is its delivery, recorded for that recipient as {@code watch} records it, so no hook and
 * no other watch pushes it again; a resumed stream that passes the event again carries the message again.
 * An operator watches the board: its stream shows every event as logged and delivers nothing.
 */
final class BoardView {

    private final Optional<AgentId> me;
    private final boolean everything;
    /** Messages to me delivered ahead of their events (one look delivers every later one too). */
    private final Map<Long, Envelope> ahead = new HashMap<>();

    BoardView(Caller caller) {
        this.everything = caller.operator();
        this.me = everything ? Optional.empty() : caller.agent();
    }

    /** The event as this caller sees it, or empty when it may not. */
    Optional<Event> show(Coordinator c, Event e) {
        if (!e.kind().startsWith("message.")) {
            return Optional.of(e);
        }
        if (everything) {
            return Optional.of(e);
        }
        boolean mine = me.isPresent() && e.agent().equals(me);
        if (mine || !e.kind().equals(EventKind.SEND) || me.isEmpty()) {
            return mine ? Optional.of(e) : Optional.empty();
        }
        Optional<Envelope> received = received(c, me.get(), id(e));
        if (received.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>(e.data());
        data.put("message", present(JsonCodec.encode(received.get(), Envelope.class)));
        return Optional.of(new Event(e.seq(), e.stamp(), e.agent(), e.wall(), e.kind(), e.task(), e.path(), data));
    }

    /**
     * Message {@code id} when it is addressed to {@code agent}: delivered now if nothing showed it
     * yet (with every later one not yet shown, kept for their events), else as the inbox has it.
     */
    private Optional<Envelope> received(Coordinator c, AgentId agent, long id) {
        Envelope found = ahead.remove(id);
        if (found == null && id > 0) {
            for (Envelope x : c.messages().awaitInbox(agent, id - 1, Duration.ZERO)) {
                ahead.put(x.message().id(), x);
            }
            found = ahead.remove(id);
        }
        if (found == null) {
            found = find(c.messages().inbox(agent, false), id).or(() -> find(c.messages().inbox(agent, true), id)).orElse(null);
        }
        return Optional.ofNullable(found);
    }

    /** The envelope's JSON without its absent fields: an event's data holds only values. */
    private static Object present(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), present(v));
                }
            });
            return out;
        }
        if (json instanceof List<?> list) {
            return list.stream().filter(java.util.Objects::nonNull).map(BoardView::present).toList();
        }
        return json;
    }

    private static Optional<Envelope> find(List<Envelope> inbox, long id) {
        return inbox.stream().filter(x -> x.message().id() == id).findFirst();
    }

    private static long id(Event e) {
        return e.data().get("id") instanceof Number n ? n.longValue() : -1;
    }
}
