package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection a read falls back to when a normal one cannot read without writing (full disk):
 * it must see every committed change, including those still in the -wal file, and write nothing
 * to the database or its WAL. {@code FullDiskIT} runs the whole path on a real full file system.
 */
class SqliteReadOnlyTest {

    private static final StoreException FAILURE = new StoreException.Failure("the normal connection failed", null);

    @TempDir
    Path dir;

    @Test
    void open_whenTheWalHoldsCommittedChangesAndNoIndexIsLeft_seesThemAndWritesNothing() throws Exception {
        Path copy = crashedStoreWithThreeTokens(dir.resolve("odd ?#% name"));
        byte[] db = Files.readAllBytes(copy);
        byte[] wal = Files.readAllBytes(Path.of(copy + "-wal"));

        try (Connection c = SqliteReadOnly.open(copy, copy.toString(), FAILURE)) {
            assertThat(fence(c)).as("the tokens committed to the WAL only").isEqualTo(3);
        }

        assertThat(Arrays.equals(Files.readAllBytes(copy), db)).as("database file unchanged").isTrue();
        assertThat(Arrays.equals(Files.readAllBytes(Path.of(copy + "-wal")), wal)).as("WAL unchanged").isTrue();
    }

    @Test
    void open_whenNoIndexCanBeMadeButTheWalHoldsChanges_reportsTheOriginalFailure() throws Exception {
        Path copy = crashedStoreWithThreeTokens(dir.resolve("copy"));
        Files.createSymbolicLink(Path.of(copy + "-shm"), dir.resolve("nowhere"));

        assertThatThrownBy(() -> SqliteReadOnly.open(copy, copy.toString(), FAILURE)).isSameAs(FAILURE);
    }

    @Test
    void open_whenNoIndexCanBeMadeAndTheWalIsEmpty_readsTheDatabaseFileAlone() throws Exception {
        Path file = dir.resolve("clean/huddle.db");
        try (SqliteStore store = new SqliteStore(file)) {
            store.write(tx -> tx.nextFencingToken());
        }
        Files.createSymbolicLink(Path.of(file + "-shm"), dir.resolve("nowhere"));

        try (Connection c = SqliteReadOnly.open(file, file.toString(), FAILURE)) {
            assertThat(fence(c)).isEqualTo(1);
        }
    }

    /**
     * What a writer that died leaves behind: the database file and a WAL with three committed
     * transactions not yet copied into it, and no shared-memory index.
     */
    private Path crashedStoreWithThreeTokens(Path copyDir) throws Exception {
        Path live = dir.resolve("live-" + copyDir.getFileName().toString().hashCode() + "/huddle.db");
        Path copy = Files.createDirectories(copyDir).resolve("huddle.db");
        try (SqliteStore store = new SqliteStore(live)) {
            for (int i = 0; i < 3; i++) {
                store.write(tx -> tx.nextFencingToken());
            }
            // The store's connection is still open, so nothing was checkpointed yet.
            Files.copy(live, copy);
            Files.copy(Path.of(live + "-wal"), Path.of(copy + "-wal"));
        }
        assertThat(Files.size(Path.of(copy + "-wal"))).as("committed frames in the WAL").isPositive();
        return copy;
    }

    private static long fence(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT value FROM counters WHERE name = 'fence'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
