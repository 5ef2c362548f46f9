package dev.huddle.core.lease;

import dev.huddle.core.agent.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A granted reservation of a resource. It is data, not a handle: it outlives the process that
 * took it, and ends when released, when it expires, or when its holder goes offline.
 */
public record Lease(
        long id,
        Resource resource,
        AgentId holder,
        LeaseMode mode,
        FencingToken token,
        Optional<String> reason,
        Optional<String> task,
        Instant grantedAt,
        Instant expiresAt,
        Optional<Instant> releasedAt) {

    /** Live at {@code now} as far as the lease itself tells (the holder's presence is checked apart). */
    public boolean unexpiredAt(Instant now) {
        return releasedAt.isEmpty() && expiresAt.isAfter(now);
    }

    public Duration timeLeft(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
