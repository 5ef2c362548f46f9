package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.store.Tx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers on one SQLite file from several connections: BUSY must be absorbed by the adapter's busy
 * timeout and retries, never reach the caller, and no committed write may be lost.
 */
class SqliteConcurrencyTest {

    private static final int THREADS = 8;
    private static final int WRITES = 200;

    @TempDir
    Path dir;

    /** Runs THREADS × WRITES token grants, thread i through {@code storeFor.apply(i)}; returns every token. */
    private List<Long> hammer(IntFunction<SqliteStore> storeFor) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                SqliteStore store = storeFor.apply(t);
                Callable<List<Long>> writer = () -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < WRITES; i++) {
                        // A store belongs to one thread at a time (SqliteStore's contract).
                        synchronized (store) {
                            mine.add(store.write(tx -> tx.nextFencingToken().value()));
                        }
                    }
                    return mine;
                };
                results.add(pool.submit(writer));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get()); // rethrows a StoreException.Busy from any writer
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertEveryWriteCommittedOnce(List<Long> tokens, SqliteStore any) {
        Set<Long> distinct = new TreeSet<>(tokens);
        assertThat(tokens).hasSize(THREADS * WRITES);
        assertThat(distinct).as("1600 distinct tokens, none lost or repeated")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, THREADS * WRITES).boxed().toList());
        synchronized (any) {
            assertThat(any.write((Tx tx) -> tx.nextFencingToken().value())).isEqualTo(THREADS * WRITES + 1L);
        }
    }

    @Test
    void write_whenTwoStoresOnOneFileEightThreads_allCommittedDistinctTokens() throws Exception {
        Path file = dir.resolve("huddle.db");
        try (SqliteStore a = new SqliteStore(file); SqliteStore b = new SqliteStore(file)) {
            List<Long> tokens = hammer(t -> t % 2 == 0 ? a : b);
            assertEveryWriteCommittedOnce(tokens, a);
        }
    }

    @Test
    void write_whenEightStoresOnOneFile_allCommittedDistinctTokens() throws Exception {
        Path file = dir.resolve("huddle.db");
        List<SqliteStore> stores = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                stores.add(new SqliteStore(file));
            }
            assertEveryWriteCommittedOnce(hammer(stores::get), stores.getFirst());
        } finally {
            stores.forEach(SqliteStore::close);
        }
    }

    /**
     * Regression: two processes opening a new store at once. While the first holds its migration
     * transaction on the still rollback-journalled file, the second's switch to WAL answers BUSY
     * without waiting on the busy handler; it must retry, not fail the command.
     */
    @Test
    void open_whileAnotherConnectionMigratesANewFile_waitsInsteadOfFailing() throws Exception {
        Path file = dir.resolve("fresh.db");
        try (java.sql.Connection first = new org.sqlite.jdbc4.JDBC4Connection("jdbc:sqlite:" + file, file.toString(),
                new java.util.Properties()); java.sql.Statement s = first.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("CREATE TABLE occupied (x INTEGER)");
            Thread release = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(150);
                    s.execute("ROLLBACK");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SqliteStore second = new SqliteStore(file)) {
                long token = second.write(tx -> tx.nextFencingToken().value());
                assertThat(token).isEqualTo(1L);
            }
            release.join();
        }
    }
}
