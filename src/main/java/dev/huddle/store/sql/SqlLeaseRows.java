package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Sighting;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.HeldLease;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import dev.huddle.store.LeaseRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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

    SqlLeaseRows(SqlJdbc jdbc, SqlDialect dialect, SqlBatchIds ids) {
        this.jdbc = jdbc;
        this.takesFenceInInsert = dialect.writesInWith();
        this.ids = ids;
    }

    @Override
    public List<Lease> unexpired(Instant now) {
        return jdbc.query("SELECT " + COLUMNS + OPEN + BY_GRANT,
                SqlLeaseRows::lease, now);
    }

    @Override
    public List<HeldLease> unexpiredHeld(Instant now) {
        return jdbc.query(held(now));
    }

    @Override
    public List<HeldLease> unexpiredHeldNear(Instant now, List<String> texts) {
        return texts.isEmpty() ? List.of() : jdbc.query(heldNear(now, texts));
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
        SqlJdbc.Query<HeldLease> held = near.isEmpty() ? held(now) : near.get().isEmpty() ? null : heldNear(now, near.get());
        boolean quiet = quiet(now);
        List<SqlJdbc.Query<?>> reads = new ArrayList<>(List.<SqlJdbc.Query<?>>of(waiting(now)));
        if (!quiet) {
            reads.add(unnoticedQuery(now, sweepLimit));
        }
        if (held != null) {
            reads.add(held);
        }
        List<List<?>> rows = jdbc.queries(reads);
        List<Lease> expired = quiet ? List.of() : unnoticedRows(now, sweepLimit, (List<Lease>) rows.get(1));
        return new Surroundings(expired, held == null ? List.of() : (List<HeldLease>) rows.getLast(),
                (List<Waiter>) rows.get(0));
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
        Object[] args = new Object[resources.size() + 1];
        args[0] = now;
        for (int i = 0; i < resources.size(); i++) {
            args[i + 1] = resources.get(i).text();
        }
        String in = String.join(", ", Collections.nCopies(resources.size(), "?"));
        return jdbc.query("SELECT " + COLUMNS + OPEN + " AND resource IN (" + in + ")" + BY_GRANT,
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
        return jdbc.one("SELECT " + COLUMNS + " FROM leases WHERE token = ?", SqlLeaseRows::lease, token.value());
    }

    @Override
    public Lease grant(Grant g) {
        wrote(g.expiresAt());
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
        jdbc.post("""
                UPDATE leases SET expires_at = ?, mode = ?, reason = coalesce(CAST(? AS TEXT), reason), task = coalesce(CAST(? AS TEXT), task)
                WHERE id = ?""", expiresAt, mode.label(), reason, task, leaseId);
    }

    @Override
    public void release(long leaseId, Instant at, AgentId by, Optional<String> reason) {
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

    /** A work was undone: a lease it told of or released may be unnoticed again. */
    void rolledBack() {
        quietUntil = null;
    }

    /** A lease of this transaction now ends at {@code expiresAt}. */
    private void wrote(Instant expiresAt) {
        if (quietUntil != null && expiresAt.isBefore(quietUntil)) {
            quietUntil = expiresAt;
        }
    }

    /** Whether no lease can have expired unnoticed by {@code now}, as this batch knows without a read. */
    private boolean quiet(Instant now) {
        return quietUntil != null && now.isBefore(quietUntil);
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
        return jdbc.update("""
                DELETE FROM leases WHERE (released_at IS NOT NULL AND released_at < ?)
                   OR (released_at IS NULL AND expires_at < ?)""", cutoff, cutoff);
    }

    @Override
    public long enqueue(Waiter w) {
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
        return jdbc.query(waiting(now));
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
