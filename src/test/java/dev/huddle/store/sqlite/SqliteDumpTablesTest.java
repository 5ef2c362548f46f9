package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.store.Tx;
import dev.huddle.store.sql.SqlDumpRows;
import dev.huddle.testing.IndexOnlyMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export must cover every table a migration creates, or a restore would silently lose data. */
class SqliteDumpTablesTest {

    @TempDir
    Path dir;

    @Test
    void tables_listEveryTableOfTheSchema_exceptTheFullTextIndexAndThoseLeftOutOnPurpose() throws Exception {
        Path db = dir.resolve("huddle.db");
        try (SqliteStore store = new SqliteStore(db)) {
            store.read((Tx tx) -> tx.events().lastSeq());
        }
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = c.createStatement().executeQuery("""
                        SELECT name FROM sqlite_master WHERE type = 'table'
                          AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts%' ORDER BY name""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        List<String> covered = new ArrayList<>(SqlDumpRows.TABLES);
        covered.addAll(SqlDumpRows.NOT_EXPORTED);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void migrationsAfterTheOldestRestorableExport_onlyAddIndexes() {
        IndexOnlyMigrations.check(SqliteSchema.MIGRATIONS);
    }
}
