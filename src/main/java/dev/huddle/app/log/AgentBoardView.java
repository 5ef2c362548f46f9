package dev.huddle.app.log;

import dev.huddle.app.message.Messages;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.message.Envelope;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link BoardView} of one agent (none: a caller of no agent, who sees no message event). */
final class AgentBoardView implements BoardView {

    private final Optional<AgentId> me;
    /** Messages to me delivered ahead of their events (one look delivers every later one too). */
    private final Map<Long, Envelope> ahead = new HashMap<>();

    AgentBoardView(Optional<AgentId> me) {
        this.me = me;
    }

    @Override
    public Optional<Shown> show(Messages messages, Event e) {
        if (!e.kind().startsWith("message.")) {
            return Optional.of(new Shown(e, Optional.empty()));
        }
        boolean mine = me.isPresent() && e.agent().equals(me);
        if (mine || !e.kind().equals(EventKind.SEND) || me.isEmpty()) {
            return mine ? Optional.of(new Shown(e, Optional.empty())) : Optional.empty();
        }
        return received(messages, me.get(), id(e)).map(m -> new Shown(e, Optional.of(m)));
    }

    /**
     * Message {@code id} when it is addressed to {@code agent}: delivered now if nothing showed it
     * yet (with every later one not yet shown, kept for their events), else as the inbox has it.
     */
    private Optional<Envelope> received(Messages messages, AgentId agent, long id) {
        Envelope found = ahead.remove(id);
        if (found == null && id > 0) {
            for (Envelope x : messages.awaitInbox(agent, id - 1, Duration.ZERO)) {
                ahead.put(x.message().id(), x);
            }
            found = ahead.remove(id);
        }
        if (found == null) {
            found = find(messages.inbox(agent, false), id).or(() -> find(messages.inbox(agent, true), id)).orElse(null);
        }
        return Optional.ofNullable(found);
    }

    private static Optional<Envelope> find(List<Envelope> inbox, long id) {
        return inbox.stream().filter(x -> x.message().id() == id).findFirst();
    }

    private static long id(Event e) {
        return e.data().get("id") instanceof Number n ? n.longValue() : -1;
    }
}
