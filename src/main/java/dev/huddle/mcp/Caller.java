package dev.huddle.mcp;

import dev.huddle.app.session.SessionRef;
import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/**
 * Who an MCP session acts as. Over stdio: {@code --agent}/{@code HUDDLE_AGENT}, or whatever
 * {@code start_session} registered or resumed; over HTTP: the bearer token's agent, nothing else.
 */
interface Caller {

    /** The acting agent; a session that has none yet starts one (as a hook's first call does). */
    AgentId agent();

    /** The session as {@code start_session} opens it; {@code agent} and {@code program} as the call gave them. */
    SessionRef session(Optional<String> agent, Optional<String> program);

    /** The agent {@code start_session} answered with. */
    void bound(AgentId agent);
}
