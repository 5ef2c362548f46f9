package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed on a real PostgreSQL: a commit through any store is heard, a rolled-back rehearsal is
 * not (NOTIFY is delivered on commit only), and a listening session ended by the server is
 * reopened, waking everyone once and hearing the writes after it.
 */
class PostgresChangeFeedTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private PostgresDatabases databases;
    private PostgresStore writer;
    private final Semaphore woken = new Semaphore(0);
    private PostgresChangeFeed feed;

    @BeforeEach
    void listen() throws InterruptedException {
        databases = PostgresDatabases.create();
        writer = new PostgresStore(databases.url());
        writer.changes(); // creates the schema before anyone listens
        feed = PostgresChangeFeed.start(databases.url(), woken::release);
        assertThat(feed.awaitListening(WITHIN)).as("listening").isTrue();
    }

    @AfterEach
    void close() {
        feed.close();
        writer.close();
        databases.close();
    }

    @Test
    void aCommit_isHeard_aRehearsalIsNot() throws InterruptedException {
        writer.rehearse(tx -> 1);
        writer.write(tx -> 1);
        assertThat(woken.tryAcquire(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).as("woken by the commit").isTrue();
        // Notifications arrive in commit order: had the rehearsal notified, it would be counted by now.
        assertThat(feed.received()).as("notifications: the commit's only").isEqualTo(1);
    }

    @Test
    void aListenerEndedByTheServer_listensAgain_wakesOnce_andHearsLaterCommits() throws Exception {
        try (Connection c = PostgresDatabases.connect(databases.url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE"
                     + " datname = current_database() AND application_name = '" + PostgresChangeFeed.APPLICATION + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("listening sessions ended").isEqualTo(1);
        }
        assertThat(woken.tryAcquire(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).as("woken on listening again").isTrue();
        assertThat(feed.reconnects()).isEqualTo(1);
        writer.write(tx -> 1);
        assertThat(woken.tryAcquire(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).as("woken by a commit after").isTrue();
        assertThat(feed.received()).isEqualTo(1);
    }
}
