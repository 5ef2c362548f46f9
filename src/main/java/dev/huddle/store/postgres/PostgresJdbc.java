package dev.huddle.store.postgres;

import dev.huddle.store.sql.SqlBatch;
import dev.huddle.store.sql.SqlJdbc;
import dev.huddle.store.sql.SqlValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table families' JDBC moves ({@link SqlJdbc}) on a PostgreSQL connection, with statements and
 * result sets always closed and SQL failures turned into {@link dev.huddle.store.StoreException}s.
 *
 * <p>A {@linkplain #post posted} statement is held and sent with the next one, as one message of
 * several statements (pgjdbc sends them with one Sync and reads every answer in one go), or at
 * {@link #flush}. Every statement is a round trip to the server made while the writers' lock is
 * held, so the writes whose answer nobody reads (a savepoint, the agent's row, an event, a
 * delivery) ride along with the read that follows them instead of costing one each. Order is kept:
 * the server runs them first, so the next read sees them. Posted writes in a row go as one statement
 * where they can ({@link WriteRun}).
 */
final class PostgresJdbc implements SqlJdbc {

    /**
     * How many works' savepoints and writes a batch holds at most before it sends them. A work whose
     * reads were all made ahead sends nothing of its own, and its writes would wait for the commit;
     * but a message's text is the sequence of its statements, and pgjdbc and PostgreSQL prepare and
     * plan a text once they have seen it a few times, anew each time before: a batch's writes sent
     * as one message were nearly always a text never seen (with a read ahead per work, closed loop
     * 682 requests a second against 2,766 before). Three works' are one of a few hundred texts at
     * most, each seen again; measured against two and eight in docs/decisions.md ("A batch reads
     * its leases ahead, and sends its writes three works at a time").
     */
    static final int WORKS_PER_MESSAGE = 3;

    private final Connection connection;
    private final PostgresUrl url;
    /** Statements posted and not sent yet, in order, and their arguments, all in one list. */
    private final StringBuilder posted = new StringBuilder();
    private final List<Object> postedArgs = new ArrayList<>();
    /** One entry per held statement, in order: the read it is, or null for a posted write. */
    private final List<Waiting<?>> held = new ArrayList<>();
    /** Writes kept back by {@link #postLast}, newest version of each row, in the order first kept. */
    private final Map<List<Object>, Kept> kept = new LinkedHashMap<>();
    /** The posted writes at the end of what is held, to go as one statement ({@link WriteRun}); null when none. */
    private WriteRun run;
    /** Whether what is held began in an earlier work of a batch than the running one. */
    private boolean heldSpansWorks;
    /** Works of a batch whose savepoints are held and not sent yet ({@link #beginWork}). */
    private int worksHeld;
    /** Whether the newest message sent held statements of more than one work, and whether it failed. */
    private boolean sentSpannedWorks;
    private boolean sentFailed;

    PostgresJdbc(Connection connection, PostgresUrl url) {
        this.connection = connection;
        this.url = url;
    }

    @Override
    public int update(String sql, Object... args) {
        admit(sql);
        List<Waiting<?>> before = taken();
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.execute();
            answer(ps, before);
            return Math.max(0, ps.getUpdateCount());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void post(String sql, Object... args) {
        hold(sql, args, null);
    }

    @Override
    public void postLast(String table, Object key, String sql, Object... args) {
        // Not admitted as other statements are: a write of one row reads no other row kept back.
        kept.put(List.of(table, key), new Kept(table, sql, args));
    }

    /** A write kept back, and the table it writes. */
    private record Kept(String table, String sql, Object[] args) {}

    /**
     * Sends the writes kept back before {@code sql} when it may read what they write (it names
     * their table) or ends what they belong to (a savepoint, a rollback, the commit).
     */
    private void admit(String sql) {
        if (kept.isEmpty()) {
            return;
        }
        boolean release = sql.startsWith("SAVEPOINT") || sql.startsWith("ROLLBACK") || sql.startsWith("COMMIT")
                || sql.startsWith("RELEASE") || kept.values().stream().anyMatch(k -> names(sql, k.table()));
        if (release) {
            release();
        }
    }

    private void release() {
        List<Kept> all = List.copyOf(kept.values());
        kept.clear();
        for (Kept k : all) {
            hold(k.sql(), k.args(), null);
        }
    }

    /** Whether {@code sql} names {@code table} as a word. */
    static boolean names(String sql, String table) {
        for (int at = sql.indexOf(table); at >= 0; at = sql.indexOf(table, at + 1)) {
            int end = at + table.length();
            if ((at == 0 || !word(sql.charAt(at - 1))) && (end == sql.length() || !word(sql.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    @Override
    public void beginBatch() {
        post(SqlBatch.BATCH_SAVEPOINT);
    }

    @Override
    public void beginWork(int index) {
        release(); // the work before's, sent before this work's savepoint
        if (worksHeld >= WORKS_PER_MESSAGE) {
            send();
        }
        heldSpansWorks |= index > 0 && !held.isEmpty();
        post(SqlBatch.SAVEPOINT);
        worksHeld++;
    }

    /**
     * Whose savepoint the rollback reaches is the running work's unless the message that failed
     * also held an earlier work's writes: then it may have failed before the running work's
     * savepoint was made, and nothing the server says tells which.
     */
    @Override
    public boolean rollBackToWork() {
        boolean clear = !(sentFailed && sentSpannedWorks);
        post(SqlBatch.ROLLBACK);
        flush();
        return clear;
    }

    @Override
    public void rollBackToBatch() {
        post(SqlBatch.BATCH_ROLLBACK);
        flush();
    }

    @Override
    public <T> Ahead<T> ahead(Query<T> query) {
        Waiting<T> read = new Waiting<>(query);
        hold(query.sql(), query.args(), read);
        return read;
    }

    private void hold(String sql, Object[] args, Waiting<?> read) {
        admit(sql);
        Optional<WriteRun.Part> part = read == null ? WriteRun.part(sql) : Optional.empty();
        if (part.isPresent() && run != null && run.take(part.get(), args)) {
            return; // one statement with the writes before it: still one held entry
        }
        closeRun();
        if (part.isPresent()) {
            run = WriteRun.of(part.get(), args);
            held.add(null);
            return;
        }
        posted.append(sql).append(";\n");
        postedArgs.addAll(Arrays.asList(args));
        held.add(read);
    }

    /** Puts the run of writes at the end of what is held into the message's text, as its one statement. */
    private void closeRun() {
        if (run != null) {
            posted.append(run.sql()).append(";\n");
            postedArgs.addAll(run.args());
            run = null;
        }
    }

    /** Sends what is held and what is kept back: the transaction's owner's, before it commits or ends a work. */
    @Override
    public void flush() {
        release();
        send();
    }

    private void send() {
        closeRun();
        if (held.isEmpty()) {
            return;
        }
        String sql = posted.substring(0, posted.length() - 2); // the last statement needs no separator
        Object[] args = postedArgs.toArray();
        List<Waiting<?>> before = taken();
        posted.setLength(0);
        postedArgs.clear();
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.execute();
            answer(ps, before.subList(0, before.size() - 1));
            if (before.getLast() != null) {
                before.getLast().take(ps); // the last held statement is the message's own
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = new ArrayList<>();
        forEach(sql, rs -> rows.add(mapper.map(rs)), args);
        return rows;
    }

    @Override
    public void forEach(String sql, RowConsumer row, Object... args) {
        admit(sql);
        List<Waiting<?>> before = taken();
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.execute();
            answer(ps, before);
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<List<?>> queries(List<Query<?>> queries) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Query<?> q : queries) {
            admit(q.sql());
        }
        for (Query<?> q : queries) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(q.sql());
            args.addAll(Arrays.asList(q.args()));
        }
        List<Waiting<?>> before = taken();
        try (PreparedStatement ps = prepare(sql.toString(), args.toArray())) {
            ps.execute();
            answer(ps, before);
            List<List<?>> all = new ArrayList<>(queries.size());
            for (int i = 0; i < queries.size(); i++) {
                if (i > 0) {
                    ps.getMoreResults();
                }
                List<Object> rows = new ArrayList<>();
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        rows.add(queries.get(i).mapper().map(rs));
                    }
                }
                all.add(rows);
            }
            return all;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The held statements, about to go with the next message, which are then no longer held. */
    private List<Waiting<?>> taken() {
        worksHeld = 0;
        sentSpannedWorks = heldSpansWorks;
        heldSpansWorks = false;
        sentFailed = false;
        if (held.isEmpty()) {
            return List.of();
        }
        List<Waiting<?>> taken = new ArrayList<>(held);
        held.clear();
        return taken;
    }

    private RuntimeException failed(SQLException e) {
        sentFailed = true;
        return PostgresErrors.classify(e, url);
    }

    /**
     * Moves past the answers of the held statements sent before the message's own ({@code before}),
     * reading out those of reads sent ahead.
     */
    private static void answer(PreparedStatement ps, List<Waiting<?>> before) throws SQLException {
        for (Waiting<?> each : before) {
            if (each != null) {
                each.take(ps);
            }
            ps.getMoreResults();
        }
    }

    /** {@code sql} with the held statements before it (taken by the caller). */
    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        closeRun();
        String text = sql;
        Object[] all = args;
        if (!posted.isEmpty()) {
            text = posted + sql;
            postedArgs.addAll(Arrays.asList(args));
            all = postedArgs.toArray();
            posted.setLength(0);
            postedArgs.clear();
        }
        PreparedStatement ps = connection.prepareStatement(text);
        try {
            for (int i = 0; i < all.length; i++) {
                ps.setObject(i + 1, SqlValues.parameter(all[i]));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    /**
     * A read sent ahead: its rows once its message was answered. When that message failed (a
     * statement before it in the same message), the read is made again when its rows are wanted,
     * after the failure was rolled back, as a read made then.
     */
    private final class Waiting<T> implements Ahead<T> {

        private final Query<T> query;
        private List<T> rows;

        Waiting(Query<T> query) {
            this.query = query;
        }

        void take(PreparedStatement ps) throws SQLException {
            List<T> read = new ArrayList<>();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    read.add(query.mapper().map(rs));
                }
            }
            rows = read;
        }

        @Override
        public List<T> rows() {
            if (rows == null && held.contains(this)) {
                send(); // nothing was sent since: it goes now, with what else is held (not what is kept back)
            }
            if (rows == null) {
                rows = query(query);
            }
            return rows;
        }
    }
}
