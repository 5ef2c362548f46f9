package dev.huddle.app.overview;

import dev.huddle.app.agent.AgentView;
import dev.huddle.app.lease.LeaseView;
import dev.huddle.core.frontier.Pointstamp;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the team: agents that have not left, live leases, the lowest and highest
 * pointstamps among participants, the caller's unread count, and the log position.
 */
public record Status(
        String store,
        List<AgentView> agents,
        List<LeaseView> leases,
        Optional<Pointstamp> lowest,
        Optional<Pointstamp> highest,
        Optional<Integer> unread,
        long messages,
        long lastSeq) {

    public Status {
        agents = List.copyOf(agents);
        leases = List.copyOf(leases);
    }
}
