package dev.huddle.store;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.HeldLease;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Leases and the queue of waiters for them. */
public interface LeaseRows {

    /** Leases neither released nor expired at {@code now}, oldest grant first. */
    List<Lease> unexpired(Instant now);

    /**
     * {@link #unexpired} with each holder's sighting, in one read: whether a lease is in force also
     * depends on its holder being online, and every lock and check asks.
     */
    List<HeldLease> unexpiredHeld(Instant now);

    /**
     * {@link #unexpiredHeld} narrowed to what a lock of these paths or names can meet: leases whose
     * resource is one of them, a path above or below one of them, or a pattern (any glob may
     * cover them); none given, none. A superset of the leases that intersect them
     * (ResourceOverlap), never fewer: a lock needs only those, and not every live lease of the team.
     */
    List<HeldLease> unexpiredHeldNear(Instant now, List<String> texts);

    /** {@link #unexpired} on exactly these resources (none: no lease), oldest grant first. */
    List<Lease> unexpiredOn(Instant now, List<Resource> resources);

    /** Every lease, most recent first, at most {@code limit}. */
    List<Lease> history(int limit);

    /** Every lease of {@code holder}, most recent first, at most {@code limit}: the limit counts its leases only. */
    List<Lease> history(int limit, AgentId holder);

    Optional<Lease> byToken(FencingToken token);

    /** Stores a lease as it is, token included (a restore, a test), and returns it with its id. */
    Lease insert(Lease lease);

    /** A lease about to be granted: the store gives it its id and its fencing token ({@link #grant}). */
    record Grant(Resource resource, AgentId holder, LeaseMode mode, Optional<String> reason, Optional<String> task,
                 Instant grantedAt, Instant expiresAt) {}

    /**
     * Stores a new grant with the next fencing token, from the counter {@link Tx#nextFencingToken}
     * takes from (so tokens of leases and claims never repeat), and returns the lease with its id
     * and token: one statement where the two would be two round trips.
     */
    Lease grant(Grant grant);

    void extend(long leaseId, Instant expiresAt, LeaseMode mode, Optional<String> reason, Optional<String> task);

    void release(long leaseId, Instant at, AgentId by, Optional<String> reason);

    /**
     * Leases that expired at or before {@code now} without being released and whose holder has not
     * been told yet, earliest expiry first, at most {@code limit}.
     */
    List<Lease> expiredUnnoticed(Instant now, int limit);

    /**
     * {@link #expiredUnnoticed}, asked now and read when the answer's {@code get} is called: a store
     * whose reads are round trips sends it with its next statement.
     */
    default Supplier<List<Lease>> expiredUnnoticedAhead(Instant now, int limit) {
        List<Lease> expired = expiredUnnoticed(now, limit);
        return () -> expired;
    }

    /** Records that the holder of an expired lease was told; a lease is told once. */
    void markNoticed(long leaseId, Instant at);

    /** Deletes leases released or expired before {@code cutoff}; returns how many. */
    int purgeEndedBefore(Instant cutoff);

    /**
     * Queues a waiter (id 0) or refreshes the {@code aliveUntil} of a queued one, and returns its
     * id. A new waiter's id is greater than that of every waiter queued before it (the store's
     * sequence), so ids give the line's arrival order.
     */
    long enqueue(Waiter waiter);

    /** Waiters whose {@code aliveUntil} is after {@code now}, in arrival (id) order. */
    List<Waiter> waiters(Instant now);

    /**
     * What a lock attempt reads before it decides: the expired leases nobody was told of
     * ({@link #expiredUnnoticed}, at most {@code sweepLimit}), the unexpired leases it can meet
     * with their holders' sightings ({@link #unexpiredHeldNear} of {@code near}, or every one,
     * {@link #unexpiredHeld}, when {@code near} is empty) and the {@link #waiters}, all at
     * {@code now}. One read where the store can send reads together, as they depend on nothing
     * but the request.
     */
    default Surroundings surroundings(Instant now, int sweepLimit, Optional<List<String>> near) {
        return new Surroundings(expiredUnnoticed(now, sweepLimit),
                near.map(texts -> unexpiredHeldNear(now, texts)).orElseGet(() -> unexpiredHeld(now)), waiters(now));
    }

    /** The answer of {@link #surroundings}. */
    record Surroundings(List<Lease> expired, List<HeldLease> held, List<Waiter> waiters) {}

    void dequeue(long waiterId);
}
