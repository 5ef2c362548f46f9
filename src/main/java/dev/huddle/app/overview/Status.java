package dev.huddle.app.overview;

import dev.huddle.app.agent.AgentView;
import dev.huddle.app.lease.LeaseView;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.frontier.Pointstamp;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the team: who asked ({@code caller}, when one is named; {@code unread} is present
 * only when it is registered), agents that have not left, live leases, the work board at a
 * glance, the lowest and highest pointstamps among participants, the caller's unread count, and
 * the log position.
 */
public record Status(
        String store,
        Optional<AgentId> caller,
        List<AgentView> agents,
        List<LeaseView> leases,
        Workload work,
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
