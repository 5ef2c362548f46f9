package dev.huddle.core.lease;

import dev.huddle.core.agent.Sighting;

/** A lease with what its holder's presence depends on, read together: whether it is in force needs both. */
public record HeldLease(Lease lease, Sighting holder) {}
