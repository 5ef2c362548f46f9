package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteNativeLibraryTest {

    @TempDir
    Path temp;

    @Test
    void prepareLeavesAnExtractedLibraryAndSqliteWorks() throws Exception {
        SqliteNativeLibrary.prepare();
        SqliteNativeLibrary.prepare(); // idempotent

        String dir = System.getProperty(SqliteNativeLibrary.LIB_PATH);
        String name = System.getProperty(SqliteNativeLibrary.LIB_NAME);
        assertThat(dir).as("org.sqlite.lib.path (is the cache directory writable?)").isNotNull();
        assertThat(Path.of(dir, name)).isRegularFile();
        assertThat(Files.size(Path.of(dir, name))).isGreaterThan(100_000);

        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + temp.resolve("t.db"));
        try (Connection c = source.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select sqlite_version()")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).matches("3\\.\\d+\\.\\d+");
        }
    }

    @Test
    void locateExtractsOnceIntoPrivateVersionedDirectories() throws Exception {
        Path root = temp.resolve("cache");
        Path first = SqliteNativeLibrary.locate(root);
        Object identity = Files.readAttributes(first, BasicFileAttributes.class).fileKey();

        Path second = SqliteNativeLibrary.locate(root);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAttributes(second, BasicFileAttributes.class).fileKey()).as("not rewritten").isEqualTo(identity);
        assertThat(first.getParent().getFileName().toString()).isEqualTo(SqliteNativeLibrary.platform());
        assertThat(first.getParent().getParent().getFileName().toString()).startsWith("sqlite-jdbc-3.");
        assertThat(first.getParent().getParent().getParent()).isEqualTo(root.resolve("huddle"));
        for (Path d = first.getParent(); !d.equals(root); d = d.getParent()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString()).isEqualTo("rwx------");
        }
    }

    @Test
    void concurrentExtractionsAgreeAndLeaveNoTempFiles() throws Exception {
        Path root = temp.resolve("race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Path> task = () -> SqliteNativeLibrary.locate(root);
                results.add(pool.submit(task));
            }
            Path library = results.get(0).get();
            for (Future<Path> f : results) {
                assertThat(f.get()).isEqualTo(library);
            }
            try (Stream<Path> files = Files.list(library.getParent())) {
                assertThat(files).containsExactly(library);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unwritableCacheFailsSoThatPrepareFallsBack() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> SqliteNativeLibrary.locate(notADirectory)).isInstanceOf(IOException.class);
    }

    @Test
    void cacheRootFollowsXdgThenHome() {
        assertThat(SqliteNativeLibrary.cacheRoot("/x/cache", "/home/u")).isEqualTo(Path.of("/x/cache"));
        assertThat(SqliteNativeLibrary.cacheRoot("relative", "/home/u")).isEqualTo(Path.of("/home/u/.cache"));
        assertThat(SqliteNativeLibrary.cacheRoot("", "/home/u")).isEqualTo(Path.of("/home/u/.cache"));
        assertThat(SqliteNativeLibrary.cacheRoot(null, null)).isNull();
    }

    @Test
    void versionsAreReleaseNumbers() {
        assertThat(SqliteNativeLibrary.isVersion("3.54.1.0")).isTrue();
        assertThat(SqliteNativeLibrary.isVersion("unknown")).isFalse();
        assertThat(SqliteNativeLibrary.isVersion("3.5/../x")).isFalse();
        assertThat(SqliteNativeLibrary.isVersion(null)).isFalse();
    }
}
