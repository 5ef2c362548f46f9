package dev.huddle.app.lease;

import dev.huddle.app.Actor;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseRequest;
import dev.huddle.core.lease.LeaseRules;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.agent.PresencePolicy;
import dev.huddle.core.lease.Waiter;
import dev.huddle.store.LeaseRows;
import dev.huddle.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt at a lock request, inside the caller's write transaction: decide against the live
 * leases and the waiters queued ahead, then write every grant or none. Public so that other use
 * cases can take leases in their own transaction (claim --reserve) under exactly the same rules.
 */
public final class LeaseGrant {

    private final Tx tx;
    private final Actor actor;
    private final PresencePolicy policy;
    private final SameFiles sameFiles;

    /** {@code sameFiles} finds conflicts through hard links, which no spelling shows ({@link ResourceResolver#sameFiles}). */
    public LeaseGrant(Tx tx, Actor actor, PresencePolicy policy, SameFiles sameFiles) {
        this.tx = tx;
        this.actor = actor;
        this.policy = policy;
        this.sameFiles = sameFiles;
    }

    /**
     * Tries the request. {@code queuedAs} is the caller's place in line, if it waits (0: it does
     * not, so it arrived after every waiter queued now). Nothing is written unless every resource
     * is granted.
     */
    public LockOutcome attempt(LockRequest req, List<Resource> resources, Duration ttl, long queuedAs) {
        // What the decision reads depends on the request alone, so it is one read (LeaseRows.surroundings),
        // and what a grant will sift for these files goes with it.
        actor.foresee(Subject.resources(resources));
        LeaseRows.Surroundings around = tx.leases().surroundings(actor.now(), LeaseNotices.SWEEP_LIMIT,
                LiveLeases.reach(resources, sameFiles));
        // Taking a resource over may replace an expired lease: its holder is told in this transaction.
        LeaseNotices.tell(tx, actor, around.expired());
        List<Lease> live = LiveLeases.inForce(around.held(), policy, actor.now());
        Optional<LockOutcome.Denied> denied = denial(live, around.waiters(), req, resources, queuedAs);
        if (denied.isPresent()) {
            return denied.get();
        }
        // Decided in this transaction like every other conflict, so two names of one file race no better.
        List<Conflict> linked = sameFiles.conflicts(req.caller(), resources, req.mode(), live);
        if (!linked.isEmpty()) {
            return new LockOutcome.Denied(linked, List.of(), false);
        }
        return grant(req, resources, ttl, live);
    }

    /**
     * Why the request cannot be granted now, if it cannot: the live leases in the way and the
     * waiters that arrived before it and contend with it (DESIGN §4.4: no request overtakes a
     * waiter that asked before it). Reads only, so a waiter can check it without taking the
     * store's write lock.
     */
    static Optional<LockOutcome.Denied> denial(Tx tx, PresencePolicy policy, Instant now, LockRequest req,
                                              List<Resource> resources, long queuedAs) {
        return denial(LiveLeases.near(tx, policy, now, resources), tx.leases().waiters(now), req, resources, queuedAs);
    }

    private static Optional<LockOutcome.Denied> denial(List<Lease> live, List<Waiter> waiters, LockRequest req,
                                                       List<Resource> resources, long queuedAs) {
        List<Conflict> conflicts = LeaseRules.conflicts(new LeaseRequest(req.caller(), resources, req.mode()), live);
        List<Waiter> ahead = LeaseRules.ahead(req.caller(), resources, req.mode(), queuedAs, waiters);
        return conflicts.isEmpty() && ahead.isEmpty()
                ? Optional.empty()
                : Optional.of(new LockOutcome.Denied(conflicts, ahead, false));
    }

    private LockOutcome.Granted grant(LockRequest req, List<Resource> resources, Duration ttl, List<Lease> live) {
        // Stamped after whatever last happened to these files: the release that freed them, say.
        actor.actsOn(Subject.resources(resources));
        Instant now = actor.now();
        Instant expires = now.plus(ttl);
        Map<String, Lease> mine = LiveLeases.index(
                live.stream().filter(l -> l.holder().equals(actor.id())).toList(), l -> l.resource().text());
        List<Lease> granted = new ArrayList<>();
        List<Lease> renewed = new ArrayList<>();
        for (Resource r : resources) {
            Lease held = mine.get(r.text());
            if (held != null) {
                tx.leases().extend(held.id(), expires, req.mode(), req.reason(), req.task());
                Lease updated = new Lease(held.id(), r, held.holder(), req.mode(), held.token(),
                        req.reason().or(held::reason), req.task().or(held::task), held.grantedAt(), expires,
                        Optional.empty());
                renewed.add(updated);
                actor.record(EventKind.RENEW, updated.task(), Optional.of(r.text()), data(updated, ttl));
            } else {
                Lease lease = tx.leases().grant(new LeaseRows.Grant(r, actor.id(), req.mode(), req.reason(), req.task(),
                        now, expires));
                granted.add(lease);
                actor.record(EventKind.LOCK, lease.task(), Optional.of(r.text()), data(lease, ttl));
            }
        }
        return new LockOutcome.Granted(granted, renewed);
    }

    static Map<String, Object> data(Lease lease, Duration ttl) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", lease.token().value());
        data.put("mode", lease.mode().label());
        data.put("ttl_seconds", ttl.toSeconds());
        lease.reason().ifPresent(r -> data.put("reason", r));
        return data;
    }
}
