package dev.huddle.core.lease;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;
import java.util.List;

/**
 * A lock request waiting in line (DESIGN §4.4 --wait). Its place is its {@code id}: the store's
 * sequence number of the transaction in which it first asked, so the line is in arrival order
 * whatever the agents' clocks say. {@code aliveUntil} is pushed forward while the waiting process
 * lives, so a waiter whose process died drops out of the line.
 */
public record Waiter(long id, AgentId agent, List<Resource> resources, LeaseMode mode, Instant aliveUntil) {

    public Waiter {
        resources = List.copyOf(resources);
    }

    /** Whether this waiter arrived before the request queued as {@code queuedAs} (0: a request that is not queued). */
    public boolean arrivedBefore(long queuedAs) {
        return queuedAs == 0 || id < queuedAs;
    }
}
