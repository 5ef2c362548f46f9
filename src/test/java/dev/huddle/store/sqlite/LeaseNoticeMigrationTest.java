package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 6 (lease notices): leases that had already expired when a store is upgraded count as
 * told, so an upgrade sends no burst of stale notices; live and released leases are left alone.
 */
class LeaseNoticeMigrationTest {

    @TempDir
    Path dir;

    @Test
    void leasesExpiredBeforeTheUpgrade_countAsTold_othersDoNot() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("old.db"));
             Statement s = c.createStatement()) {
            for (String migration : SqliteSchema.MIGRATIONS.subList(0, 5)) {
                for (String sql : migration.split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
            s.execute("PRAGMA user_version = 5");
            s.execute("INSERT INTO agents (id, registered_at, last_seen) VALUES ('alice', 0, 0)");
            s.execute("""
                    INSERT INTO leases (resource, holder, mode, token, granted_at, expires_at, released_at) VALUES
                      ('old', 'alice', 'exclusive', 1, 0, 1000, NULL),
                      ('live', 'alice', 'exclusive', 2, 0, 4102444800000, NULL),
                      ('released', 'alice', 'exclusive', 3, 0, 1000, 500)""");

            SqliteSchema.migrate(c, 5);

            assertThat(SqliteSchema.version(c)).isEqualTo(SqliteSchema.MIGRATIONS.size());
            try (ResultSet rs = s.executeQuery("SELECT resource, noticed_at FROM leases ORDER BY token")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("old");
                assertThat(rs.getLong(2)).as("expired before the upgrade: told").isEqualTo(1000);
                rs.next();
                rs.getLong(2);
                assertThat(rs.wasNull()).as("live: not told").isTrue();
                rs.next();
                rs.getLong(2);
                assertThat(rs.wasNull()).as("released: never told of expiry").isTrue();
            }
        }
    }
}
