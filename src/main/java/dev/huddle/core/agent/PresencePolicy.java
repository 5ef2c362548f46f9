package dev.huddle.core.agent;

import dev.huddle.core.HuddleException;
import java.time.Duration;
import java.time.Instant;

/**
 * Classifies an agent by the time since it last acted: below {@code active} it is active, below
 * {@code idle} idle, below {@code stale} stale, beyond that (or after leaving) offline.
 */
public record PresencePolicy(Duration active, Duration idle, Duration stale) {

    public static final PresencePolicy DEFAULT =
            new PresencePolicy(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(120));

    public PresencePolicy {
        if (active.isNegative() || active.isZero() || idle.compareTo(active) < 0 || stale.compareTo(idle) < 0) {
            throw HuddleException.invalid("presence windows must be positive and ordered: "
                    + "active_minutes <= idle_minutes <= stale_minutes");
        }
    }

    /** {@code leftAt} is null for an agent that has not left. */
    public Presence classify(Instant lastSeen, Instant leftAt, Instant now) {
        if (leftAt != null) {
            return Presence.OFFLINE;
        }
        Duration since = Duration.between(lastSeen, now);
        if (since.compareTo(active) < 0) {
            return Presence.ACTIVE;
        }
        if (since.compareTo(idle) < 0) {
            return Presence.IDLE;
        }
        return since.compareTo(stale) < 0 ? Presence.STALE : Presence.OFFLINE;
    }

    /** The last-seen instant before which an agent counts as offline at {@code now}. */
    public Instant offlineBefore(Instant now) {
        return now.minus(stale);
    }
}
