package dev.huddle.core.message;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;
import java.util.Optional;

/**
 * One recipient's copy of a message: pushed into its context (delivered), read, acknowledged.
 * Each recipient has its own, so one agent reading a broadcast never hides it from another.
 */
public record Delivery(
        long messageId,
        AgentId recipient,
        Optional<Instant> deliveredAt,
        Optional<Instant> readAt,
        Optional<Instant> ackedAt) {

    public boolean unread() {
        return readAt.isEmpty();
    }
}
