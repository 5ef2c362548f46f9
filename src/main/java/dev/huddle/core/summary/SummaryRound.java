package dev.huddle.core.summary;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A summary round (DESIGN §4.7): the agents who write, in turn, in {@code order}. It is open
 * until collected; then it is history and a new round may start.
 */
public record SummaryRound(long id, AgentId startedBy, Instant startedAt, List<AgentId> order,
                           Optional<Instant> collectedAt) {

    public SummaryRound {
        order = List.copyOf(order);
    }

    public boolean open() {
        return collectedAt.isEmpty();
    }
}
