package dev.huddle.store.sql;

import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierWaiter;
import dev.huddle.store.FrontierWaiterRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlFrontierWaiterRows implements FrontierWaiterRows {

    private static final String COLUMNS = "id, epoch, round, ignore_offline, until, safe_at, counted";

    private final SqlJdbc jdbc;

    SqlFrontierWaiterRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long enqueue(FrontierQuery query, Instant now, Instant until) {
        jdbc.update("DELETE FROM frontier_waiters WHERE until <= ?", now);
        return jdbc.number("INSERT INTO frontier_waiters (epoch, round, ignore_offline, until) VALUES (?, ?, ?, ?)"
                + " RETURNING id", query.epoch(), query.round(), query.ignoreOffline() ? 1 : 0, until);
    }

    @Override
    public List<FrontierWaiter> pending(Instant now) {
        return jdbc.query("SELECT " + COLUMNS + " FROM frontier_waiters WHERE safe_at IS NULL AND until > ? ORDER BY id",
                SqlFrontierWaiterRows::waiter, now);
    }

    @Override
    public Optional<FrontierWaiter> find(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM frontier_waiters WHERE id = ?", SqlFrontierWaiterRows::waiter, id);
    }

    @Override
    public void release(long id, Instant at, int counted) {
        jdbc.update("UPDATE frontier_waiters SET safe_at = ?, counted = ? WHERE id = ?", at, counted, id);
    }

    @Override
    public void remove(long id) {
        jdbc.update("DELETE FROM frontier_waiters WHERE id = ?", id);
    }

    private static FrontierWaiter waiter(ResultSet rs) throws SQLException {
        long round = rs.getLong("round");
        Long r = rs.wasNull() ? null : round;
        return new FrontierWaiter(rs.getLong("id"), new FrontierQuery(rs.getLong("epoch"), r, rs.getInt("ignore_offline") != 0),
                SqlValues.instant(rs, "until"), SqlValues.optionalInstant(rs, "safe_at"), rs.getInt("counted"));
    }
}
