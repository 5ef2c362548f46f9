package dev.huddle.core.lease;

import dev.huddle.core.agent.AgentId;
import java.util.List;

/** What a requester asks for: every resource, all or nothing, in one mode. */
public record LeaseRequest(AgentId requester, List<Resource> resources, LeaseMode mode) {

    public LeaseRequest {
        resources = List.copyOf(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a lease request names at least one resource");
        }
    }
}
