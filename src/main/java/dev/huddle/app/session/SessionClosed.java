package dev.huddle.app.session;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Lease;
import java.util.List;
import java.util.Optional;

/**
 * A session's end: the agent went idle and keeps its leases, or (with {@code [hooks]
 * release_on_session_end}) it left: its leases are {@code released} and its claims returned.
 * No agent when the session was never known.
 */
public record SessionClosed(Optional<AgentId> agent, boolean left, List<Lease> released) {

    public SessionClosed {
        released = List.copyOf(released);
    }
}
