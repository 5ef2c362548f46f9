package dev.huddle.store;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Maps an agent program's session id (e.g. Claude Code's) to the agent acting in it, and keeps
 * what a session's Stop hook last blocked on (its loop guard).
 */
public interface SessionRows {

    Optional<AgentId> agentFor(String sessionId);

    void bind(String sessionId, AgentId agent, String program, Instant at);

    /** The message ids the agent's last blocked Stop waited for; empty when it never blocked. */
    List<Long> stopGuard(AgentId agent);

    /** Records a blocked Stop: it waited for {@code messageIds}. Replaces the previous record. */
    void saveStopGuard(AgentId agent, List<Long> messageIds, Instant at);
}
