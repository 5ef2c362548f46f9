package dev.huddle.app.lease;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.agent.PresencePolicy;
import dev.huddle.core.agent.Sighting;
import dev.huddle.core.lease.HeldLease;
import dev.huddle.core.lease.Lease;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The leases in force at one instant: unreleased, unexpired, and held by an agent that is not
 * offline. Offline holders hold nothing (DESIGN §4.1).
 */
public final class LiveLeases {

    private LiveLeases() {}

    /** The leases in force: for "may I edit this?" checks inside other use cases' transactions. */
    public static List<Lease> at(Tx tx, PresencePolicy policy, Instant now) {
        List<Lease> live = new ArrayList<>();
        for (HeldLease held : tx.leases().unexpiredHeld(now)) {
            if (held.holder().presence(policy, now) != Presence.OFFLINE) {
                live.add(held.lease());
            }
        }
        return live;
    }

    static Map<AgentId, Presence> presence(Tx tx, PresencePolicy policy, Instant now) {
        return tx.agents().sightings().stream()
                .collect(Collectors.toMap(Sighting::id, a -> a.presence(policy, now), (a, b) -> a));
    }

    static LeaseView view(Lease lease, Map<AgentId, Presence> presence, Instant now) {
        Presence holder = presence.getOrDefault(lease.holder(), Presence.OFFLINE);
        LeaseView.State state = lease.releasedAt().isPresent() ? LeaseView.State.RELEASED
                : !lease.expiresAt().isAfter(now) ? LeaseView.State.EXPIRED
                : holder == Presence.OFFLINE ? LeaseView.State.VOID
                : LeaseView.State.LIVE;
        return new LeaseView(lease, state, holder);
    }

    static <K> Map<K, Lease> index(List<Lease> leases, Function<Lease, K> key) {
        return leases.stream().collect(Collectors.toMap(key, l -> l, (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
