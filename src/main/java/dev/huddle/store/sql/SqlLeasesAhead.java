package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.HeldLease;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A batch's lease reads made ahead ({@link dev.huddle.store.LeaseReads}), with what the batch has
 * written since. The reads ahead are few whatever the works: the open leases near every path any
 * work named, those on every resource any named, the waiters, and the soonest expiry — each asked
 * of the batch's first state (under the writers' lock nothing else writes) at the earliest
 * instant {@code from} any work named. A work's read at {@code now} (no earlier) of texts all
 * among those read gives the rows read ahead that meet its own texts (the same condition, in Java:
 * {@link SqlNear#matches}) and are still unexpired at {@code now}, in the same order — as long as
 * no write of the batch before it touched a row it could return. What this keeps of the batch's
 * writes is a superset of what they changed: the resource of every lease granted, inserted,
 * extended or released (one of unknown resource: every read is made again), whether a waiter came
 * or went, and (through {@code rowWritten}) whose agent row changed, for the holders' sightings. A
 * read that cannot be shown unchanged is made by the family as before; a work undone forgets every
 * read ahead.
 */
final class SqlLeasesAhead {

    private final Predicate<AgentId> rowWritten;
    /** The instant the reads ahead were asked at; null: none was. */
    private Instant from;
    private final Set<String> nearTexts = new HashSet<>();
    private final List<SqlJdbc.Ahead<HeldLease>> near = new ArrayList<>();
    private final Set<String> onTexts = new HashSet<>();
    private final List<SqlJdbc.Ahead<Lease>> on = new ArrayList<>();
    private SqlJdbc.Ahead<Waiter> waiters;
    /** The open lease not told of that expires first, read ahead; taken once ({@link #quietUntil}). */
    private SqlJdbc.Ahead<Lease> soonest;
    /** The resources of the leases the batch wrote; {@code writtenUnknown}: one whose resource is not known. */
    private final Set<String> written = new HashSet<>();
    private boolean writtenUnknown;
    private boolean waitersWritten;
    /** The resource of each lease this transaction has seen, by id: what a write by id touches. */
    private final Map<Long, String> resources = new HashMap<>();

    SqlLeasesAhead(Predicate<AgentId> rowWritten) {
        this.rowWritten = rowWritten;
    }

    /** The reads are asked at {@code from}: the waiters' and the soonest expiry's given here, the others by {@link #near} and {@link #on}. */
    void readAt(Instant from, SqlJdbc.Ahead<Waiter> waiters, SqlJdbc.Ahead<Lease> soonest) {
        this.from = from;
        this.waiters = waiters;
        this.soonest = soonest;
    }

    /** The open leases near {@code texts}, one read of a few. */
    void near(List<String> texts, SqlJdbc.Ahead<HeldLease> rows) {
        nearTexts.addAll(texts);
        near.add(rows);
    }

    /** The open leases on {@code texts}, one read of a few. */
    void on(List<String> texts, SqlJdbc.Ahead<Lease> rows) {
        onTexts.addAll(texts);
        on.add(rows);
    }

    /** The open leases near {@code texts} with their holders' sightings at {@code now}, when the reads ahead still tell them. */
    Optional<List<HeldLease>> heldNear(Instant now, List<String> texts) {
        if (!answers(now) || !nearTexts.containsAll(texts) || written.stream().anyMatch(r -> SqlNear.matches(r, texts))) {
            return Optional.empty();
        }
        List<HeldLease> live = new ArrayList<>();
        for (HeldLease h : byId(near, h -> h.lease().id())) {
            if (h.lease().expiresAt().isAfter(now) && SqlNear.matches(h.lease().resource().text(), texts)) {
                if (rowWritten.test(h.lease().holder())) {
                    return Optional.empty(); // its sighting may have moved
                }
                live.add(h);
                saw(h.lease());
            }
        }
        return Optional.of(live);
    }

    /** The open leases on {@code named} at {@code now}, when the reads ahead still tell them. */
    Optional<List<Lease>> on(Instant now, List<Resource> named) {
        Set<String> texts = new HashSet<>();
        named.forEach(r -> texts.add(r.text()));
        if (!answers(now) || !onTexts.containsAll(texts) || texts.stream().anyMatch(written::contains)) {
            return Optional.empty();
        }
        List<Lease> live = new ArrayList<>();
        for (Lease l : byId(on, Lease::id)) {
            if (l.expiresAt().isAfter(now) && texts.contains(l.resource().text())) {
                live.add(l);
                saw(l);
            }
        }
        return Optional.of(live);
    }

    /** The waiters alive at {@code now}, when the read ahead still tells them. */
    Optional<List<Waiter>> waiters(Instant now) {
        if (waiters == null || waitersWritten || now.isBefore(from)) {
            return Optional.empty();
        }
        return Optional.of(waiters.rows().stream().filter(w -> w.aliveUntil().isAfter(now)).toList());
    }

    /**
     * Once: the instant before which no lease open and not told of expired when the batch began
     * (its soonest expiry; {@link Instant#MAX} when there was none). Writes since only told of or
     * ended leases, or pushed an expiry later, unless the caller learned of them ({@code SqlLeaseRows#wrote}).
     */
    Optional<Instant> quietUntil() {
        if (soonest == null) {
            return Optional.empty();
        }
        List<Lease> first = soonest.rows();
        soonest = null;
        return Optional.of(first.isEmpty() ? Instant.MAX : first.getFirst().expiresAt());
    }

    /** This transaction has seen {@code lease}: a later write by its id is known to touch its resource. */
    void saw(Lease lease) {
        resources.put(lease.id(), lease.resource().text());
    }

    void wrote(Resource resource) {
        written.add(resource.text());
    }

    void wroteLease(long id) {
        String resource = resources.get(id);
        if (resource == null) {
            writtenUnknown = true;
        } else {
            written.add(resource);
        }
    }

    void wroteAny() {
        writtenUnknown = true;
    }

    void wroteWaiters() {
        waitersWritten = true;
    }

    /** Every read ahead is made again from now on: a work was undone, or the tables are written past this family. */
    void forget() {
        from = null;
        nearTexts.clear();
        near.clear();
        onTexts.clear();
        on.clear();
        waiters = null;
        soonest = null;
    }

    private boolean answers(Instant now) {
        return from != null && !now.isBefore(from) && !writtenUnknown;
    }

    /** The rows of {@code reads}, each once, by id: a lease may meet the texts of more than one read. */
    private static <T> List<T> byId(List<SqlJdbc.Ahead<T>> reads, Function<T, Long> id) {
        if (reads.size() == 1) {
            return reads.getFirst().rows();
        }
        Map<Long, T> all = new HashMap<>();
        reads.forEach(read -> read.rows().forEach(row -> all.putIfAbsent(id.apply(row), row)));
        return all.values().stream().sorted(Comparator.comparing(id)).toList();
    }
}
