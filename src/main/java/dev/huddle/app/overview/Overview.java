package dev.huddle.app.overview;

import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/** The whole picture at once, and keeping the store tidy. */
public interface Overview {

    /** Creates the store when missing (idempotent) and reports where it is and whether it was new. */
    Initialised init();

    /** Agents, live leases, the work board at a glance, the caller's unread count, frontier spread, log position. */
    Status status(Optional<AgentId> caller);

    /** Everything an agent needs at session start: the status plus its own unread messages and the tasks it holds. */
    Briefing prime(AgentId caller);

    /** Writes a consistent copy of the live store to a new file and returns its path. */
    String backup(java.nio.file.Path target);

    /**
     * Deletes released and expired leases older than the retention window and waiters that stopped
     * polling; never deletes events, messages or tasks.
     */
    Collected gc();
}
