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
import java.util.Optional;
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
        return inForce(held(tx, now, texts(resources)), policy, now);
    }

    /**
     * The leases in force that can bear on {@code resources}: {@link #near} them by name, or every
     * one when a file among them can have another name that any lease may hold (a hard link, a
     * directory, a pattern: {@link SameFiles#mayShare}).
     */
    public static List<Lease> meeting(Tx tx, PresencePolicy policy, Instant now, List<Resource> resources,
                                      SameFiles sameFiles) {
        return inForce(held(tx, now, reach(resources, sameFiles)), policy, now);
    }

    /**
     * The texts by which {@link #meeting} finds the leases {@code resources} can meet
     * (LeaseRows.unexpiredHeldNear), or none when it needs every lease.
     */
    static Optional<List<String>> reach(List<Resource> resources, SameFiles sameFiles) {
        return sameFiles.mayShare(resources) ? Optional.empty() : texts(resources);
    }

    /** The texts of {@code resources}, or none when one is a pattern (which any lease may meet). */
    private static Optional<List<String>> texts(List<Resource> resources) {
        List<String> texts = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            if (r instanceof Resource.GlobResource) {
                return Optional.empty();
            }
            texts.add(r.text());
        }
        return Optional.of(texts);
    }

    private static List<HeldLease> held(Tx tx, Instant now, Optional<List<String>> near) {
        return near.map(texts -> tx.leases().unexpiredHeldNear(now, texts)).orElseGet(() -> tx.leases().unexpiredHeld(now));
    }

    /** The leases of {@code held} whose holder is not offline at {@code now}. */
    static List<Lease> inForce(List<HeldLease> held, PresencePolicy policy, Instant now) {
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
