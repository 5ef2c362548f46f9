package dev.huddle.mcp;

import dev.huddle.app.session.SessionRef;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/**
 * Identity over HTTP: the bearer token's agent, nothing else (issue 9). {@code start_session}
 * may repeat that name but not choose another; the local operator's credential names no agent.
 */
record TokenCaller(Optional<AgentId> token, String sessionId) implements Caller {

    @Override
    public AgentId agent() {
        return token.orElseThrow(() -> HuddleException.invalid("this credential names no agent: the MCP tools act as "
                + "an agent, so connect with an agent token ('huddle token issue --agent ID')"));
    }

    @Override
    public SessionRef session(Optional<String> agent, Optional<String> program) {
        AgentId me = agent();
        if (agent.isPresent() && !agent.get().equals(me.value())) {
            throw HuddleException.invalid("over HTTP the token names the agent (" + me + "), not the 'agent' argument");
        }
        return new SessionRef(program.orElse(StdioCaller.PROGRAM), Optional.ofNullable(sessionId), Optional.of(me));
    }

    @Override
    public void bound(AgentId agent) {
        // The token decides; nothing to remember.
    }
}
