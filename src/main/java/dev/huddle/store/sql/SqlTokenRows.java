package dev.huddle.store.sql;

import dev.huddle.core.token.AccessToken;
import dev.huddle.store.TokenRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlTokenRows implements TokenRows {

    private static final String COLUMNS = "id, agent, operator, hash, created_at, expires_at, last_used, revoked_at";

    private final SqlJdbc jdbc;
    private final String issueOrder;

    SqlTokenRows(SqlJdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.issueOrder = dialect.tokenOrder();
    }

    @Override
    public void insert(AccessToken t) {
        jdbc.update("INSERT INTO tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), t.agent().value(), t.operator() ? 1 : 0, t.hash(), t.createdAt(), t.expiresAt(), t.lastUsed(),
                t.revokedAt());
    }

    @Override
    public Optional<AccessToken> find(String id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM tokens WHERE id = ?", SqlTokenRows::row, id);
    }

    @Override
    public List<AccessToken> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM tokens ORDER BY " + issueOrder, SqlTokenRows::row);
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return jdbc.update("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, id) == 1;
    }

    @Override
    public void touch(String id, Instant at) {
        // Nobody reads its answer: on PostgreSQL it goes with the next statement, not as a round trip of its own.
        jdbc.post("UPDATE tokens SET last_used = ? WHERE id = ?", at, id);
    }

    private static AccessToken row(ResultSet rs) throws SQLException {
        return new AccessToken(rs.getString("id"), SqlParsed.agent(rs.getString("agent")), rs.getInt("operator") != 0,
                rs.getString("hash"), SqlValues.instant(rs, "created_at"), SqlValues.optionalInstant(rs, "expires_at"),
                SqlValues.optionalInstant(rs, "last_used"), SqlValues.optionalInstant(rs, "revoked_at"));
    }
}
