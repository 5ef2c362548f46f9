package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.store.Store;
import dev.huddle.store.postgres.pool.HikariPools;
import dev.huddle.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The server's pool on a real PostgreSQL: many stores, each used by its own thread, share the
 * pool's fixed connections; the same backends serve from start to end (none opened per
 * transaction), and a pooled store's writes are counted and seen by other stores as any are.
 */
class PostgresPoolTest {

    private static final String APPLICATION = "huddle pool test";

    @Test
    void storesOfAPool_shareItsConnections_andOpenNoneUnderLoad() throws Exception {
        try (PostgresDatabases databases = PostgresDatabases.create();
             PostgresPool pool = new HikariPools().open(databases.url(), 3, APPLICATION);
             PostgresStore outside = new PostgresStore(databases.url())) {
            long before = outside.changes();
            try (Store first = pool.store()) {
                first.read(tx -> 0);
            }
            // The pool fills to its fixed size in the background: its backends, before any load.
            Set<Integer> filled = sessions(databases);
            for (long deadline = System.nanoTime() + 10_000_000_000L; filled.size() < 3 && System.nanoTime() < deadline; ) {
                Thread.sleep(20);
                filled = sessions(databases);
            }
            assertThat(filled).as("the pool's backends").hasSize(3);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    done.add(threads.submit(() -> {
                        try (Store store = pool.store()) {
                            for (int i = 0; i < 40; i++) {
                                store.write(tx -> 1);
                                store.read(tx -> 0);
                                store.changes();
                            }
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(outside.changes() - before).as("pooled commits counted").isEqualTo(8 * 40);
            assertThat(sessions(databases)).as("the same backends served the whole load").isEqualTo(filled);
        }
    }

    @Test
    void aPooledStore_whoseSessionTheServerEnded_readsWritesAndLooksOnANewOne() throws Exception {
        try (PostgresDatabases databases = PostgresDatabases.create();
             PostgresPool pool = new HikariPools().open(databases.url(), 1, APPLICATION);
             Store store = pool.store()) {
            store.write(tx -> 1);
            // Each use reaches the database (a read's BEGIN goes with its first statement, so a read
            // that reads nothing never finds out that the connection is dead, nor needs to).
            for (Runnable use : List.<Runnable>of(() -> store.read(tx -> tx.agents().all()), () -> store.write(tx -> 1),
                    store::changes)) {
                Set<Integer> ended = sessions(databases);
                assertThat(ended).hasSize(1);
                terminate(databases, ended);
                use.run(); // the pool's one connection is dead: the store must find it so and take the new one
                assertThat(sessions(databases)).as("a new session").hasSize(1).doesNotContainAnyElementsOf(ended);
            }
        }
    }

    private static void terminate(PostgresDatabases databases, Set<Integer> pids) throws Exception {
        try (Connection c = PostgresDatabases.connect(databases.url()); Statement s = c.createStatement()) {
            for (int pid : pids) {
                s.execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
            }
        }
    }

    /** The backend pids of the pool's sessions, which PostgreSQL numbers anew for every connection opened. */
    private static Set<Integer> sessions(PostgresDatabases databases) throws Exception {
        Set<Integer> pids = new HashSet<>();
        try (Connection c = PostgresDatabases.connect(databases.url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND application_name = '" + APPLICATION + "'")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }
}
