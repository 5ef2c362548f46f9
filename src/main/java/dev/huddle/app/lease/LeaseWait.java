package dev.huddle.app.lease;

import dev.huddle.app.Actor;
import dev.huddle.app.ChangeWatch;
import dev.huddle.app.Context;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import dev.huddle.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lock request and, when it waits, its place in line (DESIGN §4.4 --wait). A denied request
 * that waits is queued in the transaction that denied it; its place is the store's sequence
 * number for it, so the line is in arrival order and nobody who asked later can overtake it
 * ({@link dev.huddle.core.lease.LeaseRules#ahead}).
 *
 * <p>Waiting is cheap: between two checks the waiter only watches the store's change counter
 * ({@link ChangeWatch}); it reads the leases again when another process wrote, when a lease or a
 * waiter in its way lapses, and once a second when it renews its place. Checks are read-only
 * (readers never block the holder's release); only a request that looks grantable takes the
 * write lock, where the decision is made again. The head of the line and the next waiter watch
 * closely; one further back looks every 50 ms per contender ahead beyond the first (at most every
 * second): it moves up only as those ahead are granted and release.
 */
final class LeaseWait {

    /** How long a queued waiter stays in line without renewing its place before it is presumed gone. */
    static final Duration WAITER_GRACE = Duration.ofSeconds(5);
    /** How often a waiter renews its place in line (well within {@link #WAITER_GRACE}). */
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(1);
    /** The longest pause between two looks at the change counter for the head of the line and the next waiter. */
    private static final Duration HEAD_LOOK = Duration.ofMillis(25);
    /**
     * The pause between two looks for a waiter with two or more contenders ahead, per contender
     * beyond the first (at most a second): it cannot be granted before each of them has been
     * granted and has released, a holding time apiece. The first behind the head watches as
     * closely as the head, so it is ready when the head's holding time ends.
     */
    private static final Duration BEHIND_LOOK = Duration.ofMillis(50);

    private final Context ctx;
    private final SameFiles sameFiles;
    private final LockRequest req;
    private final List<Resource> resources;
    private final Duration ttl;
    private final long waiterId;
    private LockOutcome outcome;

    private LeaseWait(Context ctx, SameFiles sameFiles, LockRequest req, List<Resource> resources, Duration ttl,
                      long waiterId, LockOutcome outcome) {
        this.ctx = ctx;
        this.sameFiles = sameFiles;
        this.req = req;
        this.resources = resources;
        this.ttl = ttl;
        this.waiterId = waiterId;
        this.outcome = outcome;
    }

    /**
     * The request's first attempt, inside the caller's write transaction: granted, denied, or —
     * when denied and the caller waits — denied and queued at the end of the line.
     */
    static LeaseWait arrive(Tx tx, Context ctx, SameFiles sameFiles, LockRequest req, List<Resource> resources,
                            Duration ttl) {
        Actor actor = Actor.act(tx, ctx, req.caller());
        LockOutcome outcome = new LeaseGrant(tx, actor, ctx.settings().presence(), sameFiles).attempt(req, resources, ttl, 0);
        boolean waits = req.waitFor().filter(d -> !d.isNegative() && !d.isZero()).isPresent();
        if (!(outcome instanceof LockOutcome.Denied) || !waits || ctx.dryRun()) {
            return new LeaseWait(ctx, sameFiles, req, resources, ttl, 0, outcome);
        }
        // Stamped after what it waits behind: the holder's grant, the waiters' arrivals.
        actor.actsOn(Subject.resources(resources));
        long id = tx.leases().enqueue(new Waiter(0, actor.id(), resources, req.mode(), actor.now().plus(WAITER_GRACE)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("waiter", id);
        data.put("mode", req.mode().label());
        for (Resource r : resources) {
            actor.record(EventKind.WAIT, req.task(), Optional.of(r.text()), data);
        }
        return new LeaseWait(ctx, sameFiles, req, resources, ttl, id, outcome);
    }

    boolean queued() {
        return waiterId > 0;
    }

    /** The place in line, 0 when not queued. */
    long waiterId() {
        return waiterId;
    }

    /** The latest outcome: the first attempt's, then the latest check's. */
    LockOutcome outcome() {
        return outcome;
    }

    /**
     * Waits in line until granted or {@code deadline}; then leaves the line either way. An
     * interrupt (the client left) leaves the line too, also when it cut short the look or check
     * it landed in: on a virtual thread it closes the socket the thread reads (PostgreSQL's).
     */
    LockOutcome await(Instant deadline) {
        ChangeWatch watch = new ChangeWatch(ctx);
        Instant refreshDue = ctx.now().plus(REFRESH_EVERY);
        while (true) {
            try {
                Instant now = ctx.now();
                if (!now.isBefore(deadline) || Thread.currentThread().isInterrupted()) {
                    return giveUp();
                }
                LockOutcome.Denied last = (LockOutcome.Denied) outcome;
                Instant wake = earliest(earliest(deadline, refreshDue), lapse(last));
                int ahead = last.queuedAhead().size();
                if (ahead <= 1) {
                    watch.await(wake, ChangeWatch.SHORTEST_LOOK, HEAD_LOOK);
                } else {
                    Duration look = BEHIND_LOOK.multipliedBy(Math.min(ahead - 1, 20));
                    watch.await(wake, look, look);
                }
                if (!ctx.now().isBefore(refreshDue)) {
                    refresh();
                    refreshDue = ctx.now().plus(REFRESH_EVERY);
                }
                if (check() instanceof LockOutcome.Granted granted) {
                    return granted;
                }
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted() || !(outcome instanceof LockOutcome.Denied)) {
                    throw e;
                }
                return giveUp();
            }
        }
    }

    /**
     * One check: read-only first; only when nothing is in the way, the write transaction that
     * decides again and grants. Package-private for tests that interleave many waiters by hand.
     */
    LockOutcome check() {
        Optional<LockOutcome.Denied> denied = ctx.read(tx -> LeaseGrant.denial(tx, ctx.settings().presence(), ctx.now(),
                req, resources, waiterId));
        outcome = denied.isPresent() ? denied.get() : ctx.decide(req.caller(), this::turn, LockOutcome.Denied.class::isInstance);
        return outcome;
    }

    private LockOutcome turn(Tx tx) {
        Actor actor = Actor.act(tx, ctx, req.caller());
        LockOutcome o = new LeaseGrant(tx, actor, ctx.settings().presence(), sameFiles).attempt(req, resources, ttl, waiterId);
        if (o instanceof LockOutcome.Granted) {
            tx.leases().dequeue(waiterId);
        }
        return o;
    }

    /** Renews the place in line: a waiter whose process stops renewing drops out after {@link #WAITER_GRACE}. */
    void refresh() {
        ctx.write(tx -> tx.leases().enqueue(new Waiter(waiterId, req.caller(), resources, req.mode(),
                ctx.now().plus(WAITER_GRACE))));
    }

    /**
     * Leaves the line without a grant, reporting who is in the way now. The interrupt that ended
     * the wait is set aside for the write and restored after it: on a virtual thread an interrupt
     * closes any socket the thread blocks on (JDK 21+), so PostgreSQL's connection would be cut
     * under the very write that takes the waiter out of the line.
     */
    LockOutcome giveUp() {
        boolean interrupted = Thread.interrupted();
        try {
            return leave(interrupted ? "interrupted" : "timed out");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private LockOutcome leave(String reason) {
        LockOutcome.Denied last = (LockOutcome.Denied) outcome;
        outcome = ctx.write(req.caller(), tx -> {
            Actor actor = Actor.act(tx, ctx, req.caller());
            Optional<LockOutcome.Denied> current = LeaseGrant.denial(tx, ctx.settings().presence(), actor.now(), req,
                    resources, waiterId);
            tx.leases().dequeue(waiterId);
            actor.actsOn(Subject.resources(resources));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("waiter", waiterId);
            data.put("reason", reason);
            for (Resource r : resources) {
                actor.record(EventKind.GIVE_UP, req.task(), Optional.of(r.text()), data);
            }
            // Who is in the way now, not when the wait began; if the way cleared in the last
            // instant, the last holders seen are what the wait was about.
            List<Conflict> conflicts = current.map(LockOutcome.Denied::conflicts).filter(c -> !c.isEmpty())
                    .orElse(last.conflicts());
            return new LockOutcome.Denied(conflicts, current.map(LockOutcome.Denied::queuedAhead).orElse(List.of()), true);
        });
        return outcome;
    }

    /** When something in the way ends by itself: the first lease to expire or waiter ahead to lapse. */
    private static Instant lapse(LockOutcome.Denied denied) {
        Instant first = Instant.MAX;
        for (Conflict c : denied.conflicts()) {
            first = earliest(first, c.heldBy().expiresAt());
        }
        for (Waiter w : denied.queuedAhead()) {
            first = earliest(first, w.aliveUntil());
        }
        return first;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
