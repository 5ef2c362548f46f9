package dev.huddle.app.session;

import dev.huddle.app.lease.PathCheck;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Lease;
import java.util.List;
import java.util.Optional;

/**
 * An edit written to the log after a tool call: the paths (with any other agent's exclusive lease
 * on them, which means the edit went through a lease it should not have), and the caller's leases
 * on those paths, renewed by the edit. No agent and no paths when nothing the call wrote is in the
 * repository.
 */
public record EditRecorded(Optional<AgentId> agent, List<PathCheck> paths, List<Lease> renewed) {

    public EditRecorded {
        paths = List.copyOf(paths);
        renewed = List.copyOf(renewed);
    }

    public boolean throughAnotherLease() {
        return paths.stream().anyMatch(p -> !p.free());
    }
}
