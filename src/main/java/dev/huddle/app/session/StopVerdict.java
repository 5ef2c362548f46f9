package dev.huddle.app.session;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Envelope;
import java.util.List;
import java.util.Optional;

/**
 * Whether an agent's turn may end: it may not while messages directed at it wait undelivered
 * ({@code blockOn}, now marked delivered, since the refusal carries them into its context). Empty
 * {@code blockOn}: the turn ends.
 */
public record StopVerdict(Optional<AgentId> agent, List<Envelope> blockOn) {

    public StopVerdict {
        blockOn = List.copyOf(blockOn);
    }

    public boolean blocks() {
        return !blockOn.isEmpty();
    }
}
