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
import java.util.List;

/**
 * The table families' JDBC moves ({@link SqlJdbc}) on a PostgreSQL connection, with statements and
 * result sets always closed and SQL failures turned into {@link dev.huddle.store.StoreException}s.
 *
 * <p>A {@linkplain #post posted} statement is held and sent with the next one, as one message of
 * several statements (pgjdbc sends them with one Sync and reads every answer in one go), or at
 * {@link #flush}. Every statement is a round trip to the server made while the writers' lock is
 * held, so the writes whose answer nobody reads (a savepoint, the agent's row, an event, a
 * delivery) ride along with the read that follows them instead of costing one each. Order is kept:
 * the server runs them first, so the next read sees them.
 */
final class PostgresJdbc implements SqlJdbc {

    private final Connection connection;
    private final PostgresUrl url;
    /** Statements posted and not sent yet, in order, and their arguments, all in one list. */
    private final StringBuilder posted = new StringBuilder();
    private final List<Object> postedArgs = new ArrayList<>();
    /** One entry per held statement, in order: the read it is, or null for a posted write. */
    private final List<Waiting<?>> held = new ArrayList<>();
    /** Whether what is held began in an earlier work of a batch than the running one. */
    private boolean heldSpansWorks;
    /** Whether the newest message sent held statements of more than one work, and whether it failed. */
    private boolean sentSpannedWorks;
    private boolean sentFailed;

    PostgresJdbc(Connection connection, PostgresUrl url) {
        this.connection = connection;
        this.url = url;
    }

    @Override
    public int update(String sql, Object... args) {
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
    public void beginBatch() {
        post(SqlBatch.BATCH_SAVEPOINT);
    }

    @Override
    public void beginWork(int index) {
        heldSpansWorks |= index > 0 && !held.isEmpty();
        post(SqlBatch.SAVEPOINT);
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
        posted.append(sql).append(";\n");
        postedArgs.addAll(Arrays.asList(args));
        held.add(read);
    }

    @Override
    public void flush() {
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
                flush(); // nothing was sent since: it goes now, with what else is held
            }
            if (rows == null) {
                rows = query(query);
            }
            return rows;
        }
    }
}
