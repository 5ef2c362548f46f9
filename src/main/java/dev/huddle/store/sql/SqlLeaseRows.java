package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Sighting;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.HeldLease;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import dev.huddle.store.LeaseReads;
import dev.huddle.store.LeaseRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

final class SqlLeaseRows implements LeaseRows {

    private static final String COLUMNS =
            "id, resource, holder, mode, token, reason, task, granted_at, expires_at, released_at";

    /**
     * Oldest grant first, sorted after the few live rows are found: plain {@code ORDER BY id} made
     * SQLite walk the whole table in id order (every lease ever granted) rather than the open
     * leases' index, and sort nothing (QueryPlanTest). The unary plus means the same on PostgreSQL.
     */
    private static final String BY_GRANT = " ORDER BY +id";

    /** The leases neither released nor expired at the instant bound first. */
    private static final String OPEN = " FROM leases WHERE released_at IS NULL AND expires_at > ?";

    /** {@link #COLUMNS} of the leases table aliased {@code l}, in the same order. */
    private static final String HELD_COLUMNS = "l." + COLUMNS.replace(", ", ", l.");

    /** The open leases with their holders' sightings (columns 11 and 12), the instant bound first. */
    private static final String HELD = "SELECT " + HELD_COLUMNS + ", a.last_seen, a.left_at FROM leases l "
            + "JOIN agents a ON a.id = l.holder WHERE l.released_at IS NULL AND l.expires_at > ?";

    /**
     * A grant at the fencing counter's next value ({@link #grant}): taken by the insert itself where
     * a WITH may write, else read by it and taken by an update after it. Under the writers' lock
     * either way, which every write transaction holds from its start.
     */
    private static final String GRANT = """
            INSERT INTO leases (resource, holder, mode, token, reason, task, granted_at, expires_at)
            VALUES (?, ?, ?, (%s), ?, ?, ?, ?) RETURNING\s""" + COLUMNS;
    private static final String GRANT_TAKING_FENCE = SqlTx.WITH_FENCE + GRANT.formatted("SELECT value FROM fence");
    private static final String GRANT_AT_NEXT_FENCE = GRANT.formatted(SqlTx.NEXT_FENCE);

    /**
     * A grant whose token and id the batch handed out itself ({@link SqlBatchIds}): one statement
     * stores the lease and moves the fencing counter and the ids' sequence to them.
     */
    private static final String INSERT_WITH_IDS = SqlBatchIds.MOVING_FENCE + """
            INSERT INTO leases (id, resource, holder, mode, token, reason, task, granted_at, expires_at)
            VALUES (%s, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** {@link #BY_GRANT} for {@link #HELD}. */
    private static final String BY_HELD_GRANT = " ORDER BY +l.id";

    /** Every lease open and not yet told of, by expiry: what {@link #unnoticedQuery} reads in a batch. */
    private static final String UNNOTICED_BY_EXPIRY = "SELECT " + COLUMNS + """
             FROM leases WHERE released_at IS NULL AND noticed_at IS NULL
            ORDER BY expires_at, id LIMIT ?""";

    private final SqlJdbc jdbc;
    private final boolean takesFenceInInsert;
    private final SqlBatchIds ids;
    /** Whether this transaction is a batch's, under the writers' lock ({@link #inBatch}). */
    private boolean batch;
    /**
     * In a batch: no lease open and not told of expires before this instant (null: not known). A
     * lock and an unlock each ask which leases expired unnoticed, and nearly always none has: in a
     * batch a read that finds none also tells when the next lease expires, which answers the works
     * after it without a read until then. A lease this transaction gives or renews brings it
     * forward; a work undone forgets it (a lease it told of may be unnoticed again).
     */
    private Instant quietUntil;
    /** The reads the batch's works named, made ahead ({@link #expect}), and what the batch wrote since. */
    private final SqlLeasesAhead ahead;

    /** {@code rowWritten}: whether this transaction wrote an agent's row (a holder's sighting read ahead is then stale). */
    SqlLeaseRows(SqlJdbc jdbc, SqlDialect dialect, SqlBatchIds ids, Predicate<AgentId> rowWritten) {
        this.jdbc = jdbc;
        this.takesFenceInInsert = dialect.writesInWith();
        this.ids = ids;
        this.ahead = new SqlLeasesAhead(rowWritten);
    }

    /**
     * Reads ahead, with the next statement (a batch's first), what {@code declared} say their works
     * will read: each one's leases, the waiters and the soonest expiry once for all
     * ({@link SqlLeasesAhead}). Works that name nothing cost nothing.
     */
    void expect(List<LeaseReads> declared) {
        List<LeaseReads> named = declared.stream().filter(LeaseReads::any).toList();
        if (named.isEmpty()) {
            return;
        }
        Instant from = named.stream().map(LeaseReads::from).min(Instant::compareTo).orElseThrow();
        ahead.readAt(from, jdbc.ahead(waiting(from)),
                jdbc.ahead(new SqlJdbc.Query<>(UNNOTICED_BY_EXPIRY, SqlLeaseRows::lease, 1)));
        List<String> near = named.stream().flatMap(n -> n.near().stream().flatMap(List::stream)).distinct().toList();
        if (!near.isEmpty()) {
            for (List<String> texts : SqlPadded.lists(near)) {
                ahead.near(texts, jdbc.ahead(heldNear(from, texts)));
            }
        }
        List<Resource> on = named.stream().flatMap(n -> n.on().stream()).distinct().toList();
        if (!on.isEmpty()) {
            for (List<Resource> resources : SqlPadded.lists(on)) {
                ahead.on(resources.stream().map(Resource::text).toList(), jdbc.ahead(openOn(from, resources)));
            }
        }
    }

    @Override
    public List<Lease> unexpired(Instant now) {
        return seen(jdbc.query("SELECT " + COLUMNS + OPEN + BY_GRANT, SqlLeaseRows::lease, now));
    }

    @Override
    public List<HeldLease> unexpiredHeld(Instant now) {
        return seenHeld(jdbc.query(held(now)));
    }

    @Override
    public List<HeldLease> unexpiredHeldNear(Instant now, List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        return ahead.heldNear(now, texts).orElseGet(() -> seenHeld(jdbc.query(heldNear(now, texts))));
    }

    private static SqlJdbc.Query<HeldLease> held(Instant now) {
        return new SqlJdbc.Query<>(HELD + BY_HELD_GRANT, SqlLeaseRows::held, now);
    }

    private static SqlJdbc.Query<HeldLease> heldNear(Instant now, List<String> texts) {
        StringBuilder sql = new StringBuilder(HELD).append(" AND ");
        List<Object> args = new ArrayList<>(List.of(now));
        SqlNear.append("l.resource", texts, sql, args);
        return new SqlJdbc.Query<>(sql.append(BY_HELD_GRANT).toString(), SqlLeaseRows::held, args.toArray());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Surroundings surroundings(Instant now, int sweepLimit, Optional<List<String>> near) {
        // No texts: no lease is near (unexpiredHeldNear); no list at all: every lease is.
        // What was read ahead and still holds is not read again; the rest goes in one message.
        SqlJdbc.Query<HeldLease> held = near.isEmpty() ? held(now) : near.get().isEmpty() ? null : heldNear(now, near.get());
        Optional<List<HeldLease>> heldAhead = held == null || near.isEmpty() ? Optional.empty()
                : ahead.heldNear(now, near.get());
        Optional<List<Waiter>> waitersAhead = ahead.waiters(now);
        boolean quiet = quiet(now);
        List<SqlJdbc.Query<?>> reads = new ArrayList<>(3);
        if (waitersAhead.isEmpty()) {
            reads.add(waiting(now));
        }
        if (!quiet) {
            reads.add(unnoticedQuery(now, sweepLimit));
        }
        if (held != null && heldAhead.isEmpty()) {
            reads.add(held);
        }
        List<List<?>> rows = reads.isEmpty() ? List.of() : jdbc.queries(reads);
        int at = 0;
        List<Waiter> waiters = waitersAhead.isPresent() ? waitersAhead.get() : (List<Waiter>) rows.get(at++);
        List<Lease> expired = quiet ? List.of() : unnoticedRows(now, sweepLimit, (List<Lease>) rows.get(at++));
        List<HeldLease> nearby = held == null ? List.of()
                : heldAhead.isPresent() ? heldAhead.get() : seenHeld((List<HeldLease>) rows.get(at));
        return new Surroundings(expired, nearby, waiters);
    }

    /** {@code held}, whose leases this transaction has now seen ({@link SqlLeasesAhead#saw}). */
    private List<HeldLease> seenHeld(List<HeldLease> held) {
        held.forEach(h -> ahead.saw(h.lease()));
        return held;
    }

    /** {@code leases}, which this transaction has now seen ({@link SqlLeasesAhead#saw}). */
    private List<Lease> seen(List<Lease> leases) {
        leases.forEach(ahead::saw);
        return leases;
    }

    private static HeldLease held(ResultSet rs) throws SQLException {
        Lease lease = lease(rs);
        return new HeldLease(lease, new Sighting(lease.holder(), SqlValues.instant(rs, 11), SqlValues.optionalInstant(rs, 12)));
    }

    @Override
    public List<Lease> unexpiredOn(Instant now, List<Resource> resources) {
        if (resources.isEmpty()) {
            return List.of();
        }
        return ahead.on(now, resources).orElseGet(() -> seen(jdbc.query(openOn(now, resources))));
    }

    /** The leases on {@code resources} open at {@code now}: not empty. */
    private static SqlJdbc.Query<Lease> openOn(Instant now, List<Resource> resources) {
        Object[] args = new Object[resources.size() + 1];
        args[0] = now;
        for (int i = 0; i < resources.size(); i++) {
            args[i + 1] = resources.get(i).text();
        }
        String in = String.join(", ", Collections.nCopies(resources.size(), "?"));
        return new SqlJdbc.Query<>("SELECT " + COLUMNS + OPEN + " AND resource IN (" + in + ")" + BY_GRANT,
                SqlLeaseRows::lease, args);
    }

    @Override
    public List<Lease> history(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM leases ORDER BY id DESC LIMIT ?", SqlLeaseRows::lease, limit);
    }

    @Override
    public List<Lease> history(int limit, AgentId holder) {
        return jdbc.query("SELECT " + COLUMNS + " FROM leases WHERE holder = ? ORDER BY id DESC LIMIT ?", SqlLeaseRows::lease,
                holder.value(), limit);
    }

    @Override
    public Optional<Lease> byToken(FencingToken token) {
        Optional<Lease> lease = jdbc.one("SELECT " + COLUMNS + " FROM leases WHERE token = ?", SqlLeaseRows::lease,
                token.value());
        lease.ifPresent(ahead::saw);
        return lease;
    }

    @Override
    public Lease grant(Grant g) {
        wrote(g.expiresAt());
        ahead.wrote(g.resource());
        if (ids.knows(SqlBatchIds.Kind.FENCE, SqlBatchIds.Kind.LEASE)) {
            long token = ids.take(SqlBatchIds.Kind.FENCE);
            long id = ids.take(SqlBatchIds.Kind.LEASE);
            jdbc.post(ids.storing("leases", INSERT_WITH_IDS), token, id, g.resource().text(), g.holder().value(),
                    g.mode().label(), token, g.reason(), g.task(), g.grantedAt(), g.expiresAt());
            return new Lease(id, g.resource(), g.holder(), g.mode(), new FencingToken(token), g.reason(), g.task(),
                    g.grantedAt(), g.expiresAt(), Optional.empty());
        }
        Lease lease = jdbc.one(takesFenceInInsert ? GRANT_TAKING_FENCE : GRANT_AT_NEXT_FENCE, SqlLeaseRows::lease,
                g.resource().text(), g.holder().value(), g.mode().label(), g.reason(), g.task(), g.grantedAt(),
                g.expiresAt()).orElseThrow();
        if (!takesFenceInInsert) {
            jdbc.post(SqlTx.TAKE_FENCE);
        }
        ids.took(SqlBatchIds.Kind.FENCE, lease.token().value());
        ids.took(SqlBatchIds.Kind.LEASE, lease.id());
        return lease;
    }

    @Override
    public Lease insert(Lease l) {
        wrote(l.expiresAt());
        ahead.wrote(l.resource());
        long id = jdbc.number("""
                INSERT INTO leases (resource, holder, mode, token, reason, task, granted_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                l.resource().text(), l.holder().value(), l.mode().label(), l.token().value(), l.reason(), l.task(),
                l.grantedAt(), l.expiresAt());
        ids.took(SqlBatchIds.Kind.LEASE, id);
        return new Lease(id, l.resource(), l.holder(), l.mode(), l.token(), l.reason(), l.task(), l.grantedAt(),
                l.expiresAt(), l.releasedAt());
    }

    @Override
    public void extend(long leaseId, Instant expiresAt, LeaseMode mode, Optional<String> reason, Optional<String> task) {
        wrote(expiresAt);
        ahead.wroteLease(leaseId);
        jdbc.post("""
                UPDATE leases SET expires_at = ?, mode = ?, reason = coalesce(CAST(? AS TEXT), reason), task = coalesce(CAST(? AS TEXT), task)
                WHERE id = ?""", expiresAt, mode.label(), reason, task, leaseId);
    }

    @Override
    public void release(long leaseId, Instant at, AgentId by, Optional<String> reason) {
        ahead.wroteLease(leaseId);
        jdbc.post("UPDATE leases SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ?",
                at, by.value(), reason, leaseId);
    }

    @Override
    public List<Lease> expiredUnnoticed(Instant now, int limit) {
        return quiet(now) ? List.of() : unnoticedRows(now, limit, jdbc.query(unnoticedQuery(now, limit)));
    }

    @Override
    public Supplier<List<Lease>> expiredUnnoticedAhead(Instant now, int limit) {
        // Its rows are taken after writes of its own work, which must not be mistaken for after it: it learns nothing.
        return quiet(now) ? List::of : jdbc.ahead(unnoticed(now, limit))::rows;
    }

    /** Readies this transaction's family for a batch ({@link SqlTx#prepareBatch}). */
    void inBatch() {
        batch = true;
    }

    /** A work was undone: a lease it told of or released may be unnoticed again; what was read ahead is read again. */
    void rolledBack() {
        quietUntil = null;
        ahead.forget();
    }

    /** The leases' tables are written past this family (a restore): what was read ahead is read again. */
    void forgetAhead() {
        ahead.forget();
        ahead.wroteAny();
    }

    /** A lease of this transaction now ends at {@code expiresAt}. */
    private void wrote(Instant expiresAt) {
        learnAhead();
        if (quietUntil != null && expiresAt.isBefore(quietUntil)) {
            quietUntil = expiresAt;
        }
    }

    /** Whether no lease can have expired unnoticed by {@code now}, as this batch knows without a read. */
    private boolean quiet(Instant now) {
        learnAhead();
        return quietUntil != null && now.isBefore(quietUntil);
    }

    /** Learns from the soonest expiry read ahead, if it was and nothing has been learned yet. */
    private void learnAhead() {
        if (quietUntil == null) {
            ahead.quietUntil().ifPresent(soonest -> quietUntil = soonest);
        }
    }

    /**
     * The read of the leases expired unnoticed at {@code now}; in a batch, the open unnoticed leases
     * by expiry instead, one more than {@code limit}, whose first unexpired one tells when the next
     * expires ({@link #unnoticedRows}).
     */
    private SqlJdbc.Query<Lease> unnoticedQuery(Instant now, int limit) {
        return learns(limit)
                ? new SqlJdbc.Query<>(UNNOTICED_BY_EXPIRY, SqlLeaseRows::lease, limit + 1)
                : unnoticed(now, limit);
    }

    /** Whether an ask with {@code limit} reads by expiry and learns when the next lease expires: in a batch, when bounded. */
    private boolean learns(int limit) {
        return batch && limit < Integer.MAX_VALUE;
    }

    /**
     * The expired ones of what {@link #unnoticedQuery} read just now, at most {@code limit}. When a
     * batch's read found none expired, it also learned that none will be before the first it found
     * (or ever, if none), which answers the batch's later asks until then.
     */
    private List<Lease> unnoticedRows(Instant now, int limit, List<Lease> rows) {
        if (!learns(limit)) {
            return rows;
        }
        int expired = 0;
        while (expired < rows.size() && !rows.get(expired).expiresAt().isAfter(now)) {
            expired++;
        }
        if (expired == 0) {
            quietUntil = rows.isEmpty() ? Instant.MAX : rows.getFirst().expiresAt();
        }
        return rows.subList(0, Math.min(expired, limit));
    }

    private static SqlJdbc.Query<Lease> unnoticed(Instant now, int limit) {
        return new SqlJdbc.Query<>("SELECT " + COLUMNS + """
                 FROM leases WHERE released_at IS NULL AND noticed_at IS NULL AND expires_at <= ?
                ORDER BY expires_at, id LIMIT ?""", SqlLeaseRows::lease, now, limit);
    }

    @Override
    public void markNoticed(long leaseId, Instant at) {
        jdbc.post("UPDATE leases SET noticed_at = ? WHERE id = ? AND noticed_at IS NULL", at, leaseId);
    }

    @Override
    public int purgeEndedBefore(Instant cutoff) {
        ahead.wroteAny();
        return jdbc.update("""
                DELETE FROM leases WHERE (released_at IS NOT NULL AND released_at < ?)
                   OR (released_at IS NULL AND expires_at < ?)""", cutoff, cutoff);
    }

    @Override
    public long enqueue(Waiter w) {
        ahead.wroteWaiters();
        if (w.id() > 0) {
            jdbc.post("UPDATE lease_waiters SET alive_until = ? WHERE id = ?", w.aliveUntil(), w.id());
            return w.id();
        }
        // AUTOINCREMENT and identity columns: an id is never handed out twice, even after the newest waiter left.
        return jdbc.number("INSERT INTO lease_waiters (agent, resources, mode, alive_until) VALUES (?, ?, ?, ?) RETURNING id",
                w.agent().value(), w.resources().stream().map(Resource::text).collect(Collectors.joining("\n")),
                w.mode().label(), w.aliveUntil());
    }

    @Override
    public List<Waiter> waiters(Instant now) {
        return ahead.waiters(now).orElseGet(() -> jdbc.query(waiting(now)));
    }

    private static SqlJdbc.Query<Waiter> waiting(Instant now) {
        return new SqlJdbc.Query<>("""
                SELECT id, agent, resources, mode, alive_until FROM lease_waiters
                WHERE alive_until > ? ORDER BY id""",
                rs -> new Waiter(rs.getLong("id"), SqlParsed.agent(rs.getString("agent")),
                        Arrays.stream(rs.getString("resources").split("\n")).map(SqlParsed::resource).toList(),
                        LeaseMode.parse(rs.getString("mode")), SqlValues.instant(rs, "alive_until")),
                now);
    }

    @Override
    public void dequeue(long waiterId) {
        ahead.wroteWaiters();
        jdbc.post("DELETE FROM lease_waiters WHERE id = ?", waiterId);
    }

    /** A row of {@link #COLUMNS}, read by position in that order. */
    private static Lease lease(ResultSet rs) throws SQLException {
        return new Lease(rs.getLong(1), SqlParsed.resource(rs.getString(2)),
                SqlParsed.agent(rs.getString(3)), LeaseMode.parse(rs.getString(4)),
                new FencingToken(rs.getLong(5)), SqlValues.optionalText(rs, 6), SqlValues.optionalText(rs, 7),
                SqlValues.instant(rs, 8), SqlValues.instant(rs, 9), SqlValues.optionalInstant(rs, 10));
    }
}
