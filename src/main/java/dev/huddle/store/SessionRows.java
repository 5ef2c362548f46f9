package dev.huddle.store;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;
import java.util.Optional;

/** Maps an agent program's session id (e.g. Claude Code's) to the agent acting in it. */
public interface SessionRows {

    Optional<AgentId> agentFor(String sessionId);

    void bind(String sessionId, AgentId agent, String program, Instant at);
}
