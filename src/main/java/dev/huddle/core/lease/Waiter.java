package dev.huddle.core.lease;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;
import java.util.List;

/**
 * A lock request waiting in line (DESIGN §4.4 --wait). Its place is fixed by the Lamport time at
 * which it first asked ({@code stamp}) and its agent id; {@code aliveUntil} is pushed forward
 * while the waiting process polls, so a waiter whose process died drops out of the line.
 */
public record Waiter(long id, AgentId agent, List<Resource> resources, LeaseMode mode, long stamp, Instant aliveUntil) {

    public Waiter {
        resources = List.copyOf(resources);
    }
}
