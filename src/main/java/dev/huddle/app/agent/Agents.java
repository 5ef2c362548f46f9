package dev.huddle.app.agent;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import java.util.List;
import java.util.Optional;

/** Identity and presence (DESIGN §4.1): who is here, what they do, how recently. */
public interface Agents {

    /**
     * Registers {@code id}, or updates the given profile fields of an existing agent (re-register
     * always succeeds). A new agent starts at {@code (epoch, 0)}, epoch 0 when absent. Display names
     * are unique among agents that have not left.
     */
    Registration register(AgentId id, AgentProfile profile, Optional<Long> epoch);

    /** The caller's own record; an unknown id fails with how to register. */
    AgentView whoami(AgentId caller);

    /**
     * Who the caller is. {@code operator} is its credential's flag: through the server it is bound
     * from the token, never taken from the request. An operator's id need not be a registered agent
     * (its identity then has no record); any other unknown id fails with how to register, as
     * {@link #whoami} does.
     */
    Identity identity(AgentId caller, boolean operator);

    /** Agents with their presence; departed ones only when {@code includeDeparted}. */
    List<AgentView> agents(boolean includeDeparted);

    /**
     * Marks the caller alive and optionally advances its pointstamp. Omitted epoch/round keep their
     * values; a pointstamp earlier than the caller's own is refused.
     */
    AgentView heartbeat(AgentId caller, Optional<Long> epoch, Optional<Long> round);

    /**
     * Departs: the caller's leases are released, its claimed tasks go back to the board, and it no
     * longer takes part in the frontier.
     */
    Departure leave(AgentId caller);

    /** The agent bound to an agent program's session id, if any. */
    Optional<AgentId> agentForSession(String sessionId);
}
