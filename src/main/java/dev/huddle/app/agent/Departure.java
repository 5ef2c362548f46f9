package dev.huddle.app.agent;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Lease;
import java.util.List;

/** The outcome of {@code leave}: what the departing agent gave back. */
public record Departure(AgentId agent, List<Lease> releasedLeases) {

    public Departure {
        releasedLeases = List.copyOf(releasedLeases);
    }
}
