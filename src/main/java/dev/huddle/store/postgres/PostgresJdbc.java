package dev.huddle.store.postgres;

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
    private int postedCount;

    PostgresJdbc(Connection connection, PostgresUrl url) {
        this.connection = connection;
        this.url = url;
    }

    @Override
    public int update(String sql, Object... args) {
        int held = postedCount;
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.execute();
            skipPosted(ps, held);
            return Math.max(0, ps.getUpdateCount());
        } catch (SQLException e) {
            throw PostgresErrors.classify(e, url);
        }
    }

    @Override
    public void post(String sql, Object... args) {
        posted.append(sql).append(";\n");
        postedArgs.addAll(Arrays.asList(args));
        postedCount++;
    }

    @Override
    public void flush() {
        if (postedCount == 0) {
            return;
        }
        String sql = posted.substring(0, posted.length() - 2); // the last statement needs no separator
        Object[] args = postedArgs.toArray();
        clearPosted();
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.execute();
        } catch (SQLException e) {
            throw PostgresErrors.classify(e, url);
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
        int held = postedCount;
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.execute();
            skipPosted(ps, held);
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw PostgresErrors.classify(e, url);
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
        int held = postedCount;
        try (PreparedStatement ps = prepare(sql.toString(), args.toArray())) {
            ps.execute();
            skipPosted(ps, held);
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
            throw PostgresErrors.classify(e, url);
        }
    }

    /** Moves past the answers of the {@code held} posted statements sent before the statement itself. */
    private static void skipPosted(PreparedStatement ps, int held) throws SQLException {
        for (int i = 0; i < held; i++) {
            ps.getMoreResults();
        }
    }

    /** {@code sql} with the posted statements before it, which are then no longer held. */
    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        String text = sql;
        Object[] all = args;
        if (postedCount > 0) {
            text = posted + sql;
            postedArgs.addAll(Arrays.asList(args));
            all = postedArgs.toArray();
            clearPosted();
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

    private void clearPosted() {
        posted.setLength(0);
        postedArgs.clear();
        postedCount = 0;
    }
}
