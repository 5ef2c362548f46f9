package dev.huddle.app.agent;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.task.TaskId;
import java.util.List;

/** The outcome of {@code leave}: what the departing agent gave back, leases and claimed tasks. */
public record Departure(AgentId agent, List<Lease> releasedLeases, List<TaskId> returnedTasks) {

    public Departure {
        releasedLeases = List.copyOf(releasedLeases);
        returnedTasks = List.copyOf(returnedTasks);
    }
}
