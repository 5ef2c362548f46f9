package dev.huddle.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * How Huddle's values are stored in either engine: an Instant as epoch milliseconds (so both
 * stores hold, and export, the same numbers), an empty Optional as NULL, records' plain values
 * as they are.
 */
public final class SqlValues {

    private SqlValues() {}

    /** The value to bind for {@code value}. */
    public static Object parameter(Object value) {
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
