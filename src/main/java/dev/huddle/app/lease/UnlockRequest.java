package dev.huddle.app.lease;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import java.util.List;
import java.util.Optional;

/** A release request; {@code force} releases other holders' leases and requires a reason. */
public record UnlockRequest(
        AgentId caller,
        List<String> resources,
        Optional<FencingToken> token,
        boolean force,
        Optional<String> reason) {

    public UnlockRequest {
        resources = List.copyOf(resources);
    }
}
