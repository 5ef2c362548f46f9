package dev.huddle.core.lease;

/** One reason a request is refused: the requested resource and the other holder's lease that intersects it. */
public record Conflict(Resource requested, Lease heldBy) {}
