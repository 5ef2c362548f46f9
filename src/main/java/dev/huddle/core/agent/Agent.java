package dev.huddle.core.agent;

import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import java.time.Instant;
import java.util.Optional;

/** A registered agent as stored: profile, presence inputs, Lamport clock and pointstamp. */
public record Agent(
        AgentId id,
        AgentProfile profile,
        Instant registeredAt,
        Instant lastSeen,
        Optional<Instant> leftAt,
        LamportTime clock,
        Pointstamp at) {

    public Presence presence(PresencePolicy policy, Instant now) {
        return policy.classify(lastSeen, leftAt.orElse(null), now);
    }

    public boolean departed() {
        return leftAt.isPresent();
    }

    public boolean hasRole(Role role) {
        return profile.roles().contains(role);
    }

    public String displayName() {
        return profile.displayName().orElse(id.value());
    }

    public Agent withClock(LamportTime newClock, Instant seen) {
        return new Agent(id, profile, registeredAt, seen, leftAt, newClock, at);
    }

    public Agent withPointstamp(Pointstamp next) {
        return new Agent(id, profile, registeredAt, lastSeen, leftAt, clock, next);
    }

    public Agent withProfile(AgentProfile next) {
        return new Agent(id, next, registeredAt, lastSeen, leftAt, clock, at);
    }

    public Agent withLeftAt(Optional<Instant> left) {
        return new Agent(id, profile, registeredAt, lastSeen, left, clock, at);
    }
}
