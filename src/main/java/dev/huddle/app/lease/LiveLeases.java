package dev.huddle.app.lease;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.agent.PresencePolicy;
import dev.huddle.core.agent.Sighting;
import dev.huddle.core.lease.HeldLease;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.Resource;
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
        return inForce(tx.leases().unexpiredHeld(now), policy, now);
    }

    /**
     * The leases in force that a lock of {@code resources} can meet: those on, above or below its
     * paths and names, and every pattern (LeaseRows.unexpiredHeldNear); all of them when it asks
     * for a pattern itself. What a conflict needs, without reading every lease of the team.
     */
    public static List<Lease> near(Tx tx, PresencePolicy policy, Instant now, List<Resource> resources) {
        List<String> texts = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            if (r instanceof Resource.GlobResource) {
                return at(tx, policy, now);
            }
            texts.add(r.text());
        }
        return inForce(tx.leases().unexpiredHeldNear(now, texts), policy, now);
    }

    /**
     * The leases in force that can bear on {@code resources}: {@link #near} them by name, or every
     * one when a file among them can have another name that any lease may hold (a hard link, a
     * directory, a pattern: {@link SameFiles#mayShare}).
     */
    public static List<Lease> meeting(Tx tx, PresencePolicy policy, Instant now, List<Resource> resources,
                                      SameFiles sameFiles) {
        return sameFiles.mayShare(resources) ? at(tx, policy, now) : near(tx, policy, now, resources);
    }

    private static List<Lease> inForce(List<HeldLease> held, PresencePolicy policy, Instant now) {
        List<Lease> live = new ArrayList<>(held.size());
        for (HeldLease h : held) {
            if (h.holder().presence(policy, now) != Presence.OFFLINE) {
                live.add(h.lease());
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
