package dev.huddle.app.lease;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.LeaseMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A lock request as the faces pass it: raw resource texts, validated by the use case. */
public record LockRequest(
        AgentId caller,
        List<String> resources,
        LeaseMode mode,
        Optional<Duration> ttl,
        Optional<String> reason,
        Optional<String> task,
        Optional<Duration> waitFor) {

    public LockRequest {
        resources = List.copyOf(resources);
    }
}
