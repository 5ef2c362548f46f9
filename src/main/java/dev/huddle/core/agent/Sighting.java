package dev.huddle.core.agent;

import java.time.Instant;
import java.util.Optional;

/** When an agent was last seen and whether it left: all that its presence depends on. */
public record Sighting(AgentId id, Instant lastSeen, Optional<Instant> leftAt) {

    public Presence presence(PresencePolicy policy, Instant now) {
        return policy.classify(lastSeen, leftAt.orElse(null), now);
    }

    // Written out rather than generated: see PathResource (a generated equals costs a cold start).
    @Override
    public boolean equals(Object o) {
        return o instanceof Sighting other && other.id.equals(id) && other.lastSeen.equals(lastSeen)
                && other.leftAt.equals(leftAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + lastSeen.hashCode();
    }
}
