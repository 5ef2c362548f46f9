package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite adapter promises: its file, its schema version, its refusal of foreign files. */
class SqliteStoreSpecificsTest {

    @TempDir
    Path dir;

    private static long token(SqliteStore store) {
        return store.write(tx -> tx.nextFencingToken().value());
    }

    private static String pragma(Path file, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<String> schema(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT type || ' ' || name FROM sqlite_master ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @Nested
    class File {

        @Test
        void open_whenDirectoryMissing_directory0700AndFile0600() throws Exception {
            Path file = dir.resolve("git/huddle/huddle.db");
            try (SqliteStore store = new SqliteStore(file)) {
                token(store);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }

        @Test
        void open_whenWritten_walAndSharedMemoryFilesAlso0600() throws Exception {
            Path file = dir.resolve("huddle.db");
            try (SqliteStore store = new SqliteStore(file)) {
                token(store);
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.filter(p -> p.getFileName().toString().startsWith("huddle.db")))
                            .isNotEmpty()
                            .allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                                    .as(p.getFileName().toString()).isEqualTo("rw-------"));
                }
            }
        }

        @Test
        void open_whenNew_journalModeIsWal() throws Exception {
            Path file = dir.resolve("huddle.db");
            try (SqliteStore store = new SqliteStore(file)) {
                token(store);
            }
            assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
        }

        @Test
        void location_whenRelativePath_absoluteFile() {
            try (SqliteStore store = new SqliteStore(Path.of("rel/./x/../huddle.db"))) {
                assertThat(store.location()).isEqualTo(Path.of("rel/huddle.db").toAbsolutePath().toString());
            }
        }
    }

    @Nested
    class Schema {

        @Test
        void open_whenNew_userVersionIsNumberOfMigrations() throws Exception {
            Path file = dir.resolve("huddle.db");
            try (SqliteStore store = new SqliteStore(file)) {
                token(store);
            }
            assertThat(pragma(file, "user_version")).isEqualTo(Integer.toString(SqliteSchema.MIGRATIONS.size()));
        }

        @Test
        void open_whenReopened_migrationsNotRunAgainAndDataKept() throws Exception {
            Path file = dir.resolve("huddle.db");
            try (SqliteStore store = new SqliteStore(file)) {
                assertThat(List.of(token(store), token(store), token(store))).containsExactly(1L, 2L, 3L);
            }
            List<String> before = schema(file);
            try (SqliteStore store = new SqliteStore(file)) {
                assertThat(token(store)).as("the counter was not re-created").isEqualTo(4L);
            }
            assertThat(schema(file)).isEqualTo(before);
            assertThat(pragma(file, "user_version")).isEqualTo(Integer.toString(SqliteSchema.MIGRATIONS.size()));
        }

        @Test
        void open_whenSchemaNewerThanThisHuddle_refusedSayingUpgrade() throws Exception {
            Path file = dir.resolve("huddle.db");
            try (SqliteStore store = new SqliteStore(file)) {
                token(store);
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("PRAGMA user_version = " + (SqliteSchema.MIGRATIONS.size() + 1));
            }
            try (SqliteStore store = new SqliteStore(file)) {
                assertThatThrownBy(() -> token(store)).isInstanceOf(StoreException.class).hasMessageContaining("upgrade");
            }
        }
    }

    @Nested
    class ForeignFile {

        private void assertRefusedAsCorrupt(Path file) throws Exception {
            byte[] before = Files.readAllBytes(file);
            try (SqliteStore store = new SqliteStore(file)) {
                assertThatThrownBy(() -> store.read(tx -> tx.agents().all()))
                        .isInstanceOf(StoreException.Corrupt.class)
                        .hasMessageContaining(file.toString())
                        .hasMessageContaining("huddle backup");
            }
            assertThat(Files.readAllBytes(file)).as("the file is left as it was").isEqualTo(before);
        }

        @Test
        void open_whenRandomBytes_corruptNamingFileAndBackup() throws Exception {
            byte[] noise = new byte[8192];
            new Random(20261121L).nextBytes(noise);
            assertRefusedAsCorrupt(Files.write(dir.resolve("huddle.db"), noise));
        }

        @Test
        void open_whenTextFile_corruptNamingFileAndBackup() throws Exception {
            String text = "# notes\nThis is not a database, just a file someone put here.\n".repeat(40);
            assertRefusedAsCorrupt(Files.writeString(dir.resolve("huddle.db"), text, StandardCharsets.UTF_8));
        }
    }
}
