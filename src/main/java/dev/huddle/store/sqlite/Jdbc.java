package dev.huddle.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.SafeStmtPtr;

/**
 * The few JDBC moves every table family makes, with result sets always closed and SQL failures
 * turned into {@link dev.huddle.store.StoreException}s. Parameters may be Instants (stored as epoch
 * milliseconds), Optionals (empty = NULL) and records' plain values.
 *
 * <p>One per connection, kept for the connection's life: each SQL text is prepared once and reused
 * (a server connection runs the same few dozen statements thousands of times a second, and SQLite's
 * prepare was a tenth of its work). A statement already in use further up the stack, e.g. by a
 * {@link #forEach} whose row handler queries again, gets a fresh one that is closed after use.
 */
final class Jdbc implements AutoCloseable {

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static final SafeStmtPtr.SafePtrIntFunction<SQLException> RESET = (db, statement) -> db.reset(statement);

    private final Connection connection;
    private final String location;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final Set<PreparedStatement> inUse = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    Jdbc(Connection connection, String location) {
        this.connection = connection;
        this.location = location;
    }

    int update(String sql, Object... args) {
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

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
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
    void forEach(String sql, RowConsumer row, Object... args) {
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

    /** Runs a statement without parameters or rows (BEGIN, COMMIT, ROLLBACK, pragmas that set). */
    void exec(String sql) {
        update(sql);
    }

    /** Reads one row for its side effect. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    long number(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
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
                ps.setObject(i + 1, plain(args[i]));
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

    private static Object plain(Object value) {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        return v instanceof Instant t ? t.toEpochMilli() : v;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    static Optional<String> optionalText(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    // By position, for the hottest row mappers: a lookup by name costs the driver a column-name
    // fetch per query and a map lookup per value.

    static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    static Optional<String> optionalText(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
