package dev.huddle.app.session;

import dev.huddle.app.Context;
import dev.huddle.app.FrontierWaiters;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.AutoId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which agent a session is (DESIGN §4.1): the agent named outright, else the one bound to the
 * session id; a session seen for the first time gets a new agent with a readable id. Registering
 * happens inside the caller's write transaction, so two sessions starting at once get two ids.
 */
final class SessionAgents {

    /** The session's agent and whether this transaction registered it. */
    record Resolved(AgentId id, boolean registered) {}

    private SessionAgents() {}

    /** Read-only: the agent named or bound to the session, registered or not. */
    static Optional<AgentId> find(Tx tx, SessionRef ref) {
        if (ref.named().isPresent()) {
            return ref.named();
        }
        return ref.sessionId().flatMap(id -> tx.sessions().agentFor(id));
    }

    /**
     * The session's agent, registered now if needed, with the session bound to it. Empty only when
     * the call names no agent and carries no session id: there is nobody to act as.
     */
    static Optional<Resolved> resolve(Tx tx, SessionRef ref, Context ctx) {
        Optional<AgentId> found = find(tx, ref);
        if (found.isEmpty() && ref.sessionId().isEmpty()) {
            return Optional.empty();
        }
        Instant now = ctx.now();
        AgentId id = found.orElseGet(() -> AutoId.next(ref.program(), tx.agents().all()));
        boolean registered = tx.agents().find(id).isEmpty();
        if (registered) {
            // A new participant may end a SAFE frontier: its waiters are released first.
            FrontierWaiters.releaseSafe(tx, ctx.settings().presence(), now);
            AgentProfile profile = new AgentProfile(Optional.empty(), List.of(), Optional.of(ref.program()),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            tx.agents().insert(new Agent(id, profile, now, now, Optional.empty(), LamportTime.ZERO, new Pointstamp(0, 0)));
        }
        if (ref.sessionId().isPresent()) {
            String session = ref.sessionId().get();
            boolean bound = tx.sessions().agentFor(session).filter(id::equals).isPresent();
            if (!bound) {
                tx.sessions().bind(session, id, ref.program(), now);
            }
        }
        return Optional.of(new Resolved(id, registered));
    }
}
