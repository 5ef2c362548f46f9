package dev.huddle.server;

import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/**
 * Who sends a request, as its credential says: an agent token's agent, an operator token's
 * operator, or the local operator (the discovery credential of the OS user who started the
 * server), who has no agent of its own and names the agent it acts as, as the local CLI does.
 *
 * @param agent    the token's agent; empty for the local operator
 * @param operator may do operator-only actions
 * @param id       the token's public id, or {@code local}: the rate limit's key and the audit's name
 */
public record Caller(Optional<AgentId> agent, boolean operator, String id) {

    /** Request attribute under which the auth filter leaves the caller for the route. */
    public static final String ATTRIBUTE = "dev.huddle.server.caller";

    public static final String LOCAL_ID = "local";

    public static Caller local() {
        return new Caller(Optional.empty(), true, LOCAL_ID);
    }

    public boolean isLocal() {
        return agent.isEmpty();
    }
}
