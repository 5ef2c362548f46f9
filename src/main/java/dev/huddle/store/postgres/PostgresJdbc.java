package dev.huddle.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few JDBC moves every table family makes, with statements and result sets always closed and
 * SQL failures turned into {@link dev.huddle.store.StoreException}s. Parameters may be Instants
 * (stored as epoch milliseconds, as the SQLite adapter does, so exports agree byte for byte),
 * Optionals (empty = NULL) and records' plain values.
 */
final class PostgresJdbc {

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Reads one row for its side effect. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final PostgresUrl url;

    PostgresJdbc(Connection connection, PostgresUrl url) {
        this.connection = connection;
        this.url = url;
    }

    int update(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw PostgresErrors.classify(e, url);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = new ArrayList<>();
        forEach(sql, rs -> rows.add(mapper.map(rs)), args);
        return rows;
    }

    /** Hands each row to {@code row} as it is read, without collecting them (exports of large tables). */
    void forEach(String sql, RowConsumer row, Object... args) {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw PostgresErrors.classify(e, url);
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    long number(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, plain(args[i]));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
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
}
