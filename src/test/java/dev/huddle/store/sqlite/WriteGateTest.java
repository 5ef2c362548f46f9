package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers of one process on one file, each on its own connection (the server's pool), queue in the
 * process in arrival order instead of sleeping in SQLite's busy handler, where the order is luck.
 */
class WriteGateTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void writersOfOneProcess_commitInTheOrderTheyArrived() throws Exception {
        Path file = dir.resolve("huddle.db").toAbsolutePath().normalize();
        int writers = 6;
        List<SqliteStore> stores = new ArrayList<>();
        for (int i = 0; i <= writers; i++) {
            stores.add(new SqliteStore(file));
        }
        try {
            stores.getFirst().write(tx -> tx.nextFencingToken());
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().start(() -> stores.getFirst().write(tx -> {
                holding.countDown();
                await(letGo);
                return tx.nextFencingToken();
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            List<Thread> queued = new ArrayList<>();
            long[] tokens = new long[writers];
            for (int i = 0; i < writers; i++) {
                int me = i;
                queued.add(Thread.ofPlatform().start(() ->
                        tokens[me] = stores.get(me + 1).write(tx -> tx.nextFencingToken().value())));
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (WriteGate.waiting(file) < i + 1 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(WriteGate.waiting(file)).as("writer %d waits at the gate", i).isEqualTo(i + 1);
            }
            letGo.countDown();
            holder.join();
            for (Thread t : queued) {
                t.join();
            }
            for (int i = 1; i < writers; i++) {
                assertThat(tokens[i]).as("writer %d committed after writer %d", i, i - 1).isGreaterThan(tokens[i - 1]);
            }
        } finally {
            stores.forEach(SqliteStore::close);
        }
    }

    /** A waiter interrupted while it queues (its client left) still writes, and keeps the interrupt. */
    @Test
    @Timeout(60)
    void anInterruptedWriter_stillWrites_andKeepsItsInterrupt() throws Exception {
        Path file = dir.resolve("huddle.db").toAbsolutePath().normalize();
        try (SqliteStore holder = new SqliteStore(file); SqliteStore waiter = new SqliteStore(file)) {
            holder.write(tx -> tx.nextFencingToken());
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            Thread held = Thread.ofPlatform().start(() -> holder.write(tx -> {
                holding.countDown();
                await(letGo);
                return tx.nextFencingToken();
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            long[] token = {0};
            boolean[] stillInterrupted = {false};
            Thread queued = Thread.ofPlatform().start(() -> {
                token[0] = waiter.write(tx -> tx.nextFencingToken().value());
                stillInterrupted[0] = Thread.currentThread().isInterrupted();
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (WriteGate.waiting(file) < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            queued.interrupt();
            letGo.countDown();
            held.join();
            queued.join();
            assertThat(token[0]).isEqualTo(3);
            assertThat(stillInterrupted[0]).isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
