package dev.huddle.app.log;

import dev.huddle.app.message.Messages;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.message.Envelope;
import java.util.Optional;

/**
 * The event log as one watcher may see it (docs/decisions.md, "Push through the server"). An agent
 * sees the public board: every event except other agents' messages, meaning a {@code message.send}
 * it neither sent nor received, and anyone else's {@code message.read}, {@code message.ack} and
 * {@code message.deliver}. An operator sees everything.
 *
 * <p>An agent gets each message addressed to it in full with its {@code message.send} event.
 * Showing it is its delivery, recorded for that recipient as {@code watch} records it, so no hook
 * and no other watch shows it again; a resumed stream that passes the event again carries the
 * message again. An operator watches the board: it is shown every event as logged and delivered
 * nothing. One view follows one stream: it keeps messages delivered ahead of their events.
 */
public interface BoardView {

    /** An event the watcher may see, with the message it delivers to the watcher, if any. */
    record Shown(Event event, Optional<Envelope> message) {}

    /**
     * What the watcher sees of {@code e}, read and delivered through {@code messages}; empty when
     * it may not see it.
     */
    Optional<Shown> show(Messages messages, Event e);

    /** The view of {@code agent}, or of an operator (who sees everything, whatever agent it names). */
    static BoardView of(Optional<AgentId> agent, boolean operator) {
        return operator ? (messages, e) -> Optional.of(new Shown(e, Optional.empty())) : new AgentBoardView(agent);
    }
}
