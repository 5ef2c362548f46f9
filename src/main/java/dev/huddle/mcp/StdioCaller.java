package dev.huddle.mcp;

import dev.huddle.app.Coordinator;
import dev.huddle.app.session.SessionRef;
import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/**
 * Identity over stdio: one process is one session with a session id of its own, so two sessions
 * never share an auto-registered agent. Named by {@code --agent}/{@code HUDDLE_AGENT} or by
 * {@code start_session}; otherwise the first call registers the session's agent as a hook does.
 */
final class StdioCaller implements Caller {

    static final String PROGRAM = "mcp";

    private final Coordinator coordinator;
    private final String sessionId;
    private Optional<String> named;
    private Optional<String> program = Optional.empty();
    private AgentId agent;

    StdioCaller(Coordinator coordinator, Optional<String> named, String sessionId) {
        this.coordinator = coordinator;
        this.named = named;
        this.sessionId = sessionId;
    }

    @Override
    public synchronized AgentId agent() {
        if (agent == null) {
            synchronized (coordinator) {
                agent = coordinator.sessions().openSession(session(Optional.empty(), Optional.empty()), PROGRAM)
                        .briefing().self().agent().id();
            }
        }
        return agent;
    }

    @Override
    public synchronized SessionRef session(Optional<String> agent, Optional<String> program) {
        if (agent.isPresent()) {
            named = agent;
        }
        if (program.isPresent()) {
            this.program = program;
        }
        return new SessionRef(this.program.orElse(PROGRAM), Optional.of(sessionId), named.map(AgentId::of));
    }

    @Override
    public synchronized void bound(AgentId agent) {
        this.agent = agent;
    }
}
