package dev.huddle.store.postgres;

import dev.huddle.store.sql.SqlJdbc;
import dev.huddle.store.sql.SqlValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The table families' JDBC moves ({@link SqlJdbc}) on a PostgreSQL connection, with statements and
 * result sets always closed and SQL failures turned into {@link dev.huddle.store.StoreException}s.
 */
final class PostgresJdbc implements SqlJdbc {

    private final Connection connection;
    private final PostgresUrl url;

    PostgresJdbc(Connection connection, PostgresUrl url) {
        this.connection = connection;
        this.url = url;
    }

    @Override
    public int update(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
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
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw PostgresErrors.classify(e, url);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, SqlValues.parameter(args[i]));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }
}
