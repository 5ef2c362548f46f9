package dev.huddle.store.sqlite;

import dev.huddle.store.sql.SqlJdbc;
import dev.huddle.store.sql.SqlValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.SafeStmtPtr;

/**
 * The table families' JDBC moves ({@link SqlJdbc}) on a SQLite connection, with result sets always
 * closed and SQL failures turned into {@link dev.huddle.store.StoreException}s.
 *
 * <p>One per connection, kept for the connection's life: each SQL text is prepared once and reused
 * (a server connection runs the same few dozen statements thousands of times a second, and SQLite's
 * prepare was a tenth of its work). A statement already in use further up the stack, e.g. by a
 * {@link #forEach} whose row handler queries again, gets a fresh one that is closed after use.
 */
final class Jdbc implements SqlJdbc, AutoCloseable {

    private static final SafeStmtPtr.SafePtrIntFunction<SQLException> RESET = (db, statement) -> db.reset(statement);

    private final Connection connection;
    private final String location;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final Set<PreparedStatement> inUse = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    Jdbc(Connection connection, String location) {
        this.connection = connection;
        this.location = location;
    }

    @Override
    public int update(String sql, Object... args) {
        PreparedStatement ps = null;
        try {
            ps = take(sql, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            discard(sql, ps);
            ps = null;
            throw SqliteErrors.classify(e, location);
        } finally {
            giveBack(sql, ps);
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        PreparedStatement ps = null;
        try {
            ps = take(sql, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            discard(sql, ps);
            ps = null;
            throw SqliteErrors.classify(e, location);
        } finally {
            giveBack(sql, ps);
        }
    }

    /** Hands each row to {@code row} as it is read, without collecting them (exports of large tables). */
    @Override
    public void forEach(String sql, RowConsumer row, Object... args) {
        PreparedStatement ps = null;
        try {
            ps = take(sql, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            discard(sql, ps);
            ps = null;
            throw SqliteErrors.classify(e, location);
        } finally {
            giveBack(sql, ps);
        }
    }

    /** The SQL texts prepared on this connection so far (for QueryPlanTest). */
    Set<String> preparedTexts() {
        return Set.copyOf(prepared.keySet());
    }

    /** Runs a statement without parameters or rows (BEGIN, COMMIT, ROLLBACK, pragmas that set). */
    void exec(String sql) {
        update(sql);
    }

    /** The statement for {@code sql} with {@code args} bound, marked in use until {@link #giveBack}. */
    private PreparedStatement take(String sql, Object... args) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null || inUse.contains(ps)) {
            ps = connection.prepareStatement(sql);
            if (!prepared.containsKey(sql)) {
                prepared.put(sql, ps);
            }
        }
        inUse.add(ps);
        try {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, SqlValues.parameter(args[i]));
            }
            return ps;
        } catch (SQLException e) {
            discard(sql, ps);
            throw e;
        }
    }

    /** A statement whose use failed is closed, not kept: its state after the error is not worth trusting. */
    private void discard(String sql, PreparedStatement ps) {
        if (ps != null) {
            inUse.remove(ps);
            prepared.remove(sql, ps);
            closeQuietly(ps);
        }
    }

    private void giveBack(String sql, PreparedStatement ps) {
        if (ps == null) {
            return;
        }
        inUse.remove(ps);
        try {
            if (prepared.get(sql) == ps && ps instanceof CoreStatement kept) {
                // The driver resets a statement when its result set closes, not after an update; a
                // statement left un-reset counts as running (VACUUM INTO refuses to start beside it).
                kept.pointer.safeRunInt(RESET);
            } else {
                ps.close();
            }
        } catch (SQLException e) {
            // A statement that cannot be reset is not reused.
            prepared.remove(sql, ps);
            closeQuietly(ps);
        }
    }

    /** Closes every kept statement; the connection itself belongs to the store. */
    @Override
    public void close() {
        prepared.values().forEach(Jdbc::closeQuietly);
        prepared.clear();
        inUse.clear();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignore) {
            // Closing frees native memory; the connection's close frees the rest.
        }
    }
}
