package dev.huddle.it;

import dev.huddle.testing.PostgresDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's fault: the PostgreSQL store goes away under load and comes back. Three agents work on
 * the database directly and one through a {@code huddle serve} on it ({@link FaultLoad}: send,
 * lock, unlock, over and over, each a long-lived process). The outage is the test database's
 * alone: it stops accepting connections ({@code ALTER DATABASE … ALLOW_CONNECTIONS false}) and
 * every session on it is ended ({@code pg_terminate_backend}), repeatedly, for a few seconds; to
 * a client that is what a restart looks like (sessions cut mid-command, new ones refused), while
 * other test runs sharing the server go on. The real restart, of a server of the test's own, is
 * {@link PostgresRestartIT}; this test keeps the refused sessions of a database that is down.
 *
 * <p>Afterwards: every command that exited 0 is in the store (no acknowledged write lost), every
 * one that failed failed with exit 1 and one line naming the problem, never a stack trace, and
 * every worker, and the server, carried on after the outage without being restarted.
 */
class PostgresFaultIT {

    private static final Duration OUTAGE = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private PostgresDatabases database;

    @BeforeEach
    void createDatabase() {
        database = PostgresDatabases.create();
    }

    @AfterEach
    void drop() throws Exception {
        if (database != null) { // null when PostgreSQL could not be reached (a skipped test)
            allowConnections(true);
            database.close();
        }
    }

    @Test
    void storeOutageUnderLoad_noAcknowledgedWriteLost_failuresAreOneLine_workersAndServerRecover() throws Exception {
        try (FaultLoad load = FaultLoad.start(dir, database.text())) {
            load.awaitRounds(false);
            outage();
            load.faultOver();
            load.awaitRounds(true);
            List<Map<String, Object>> commands = load.stop();
            FaultLoad.assertFailuresPlain("PostgresFaultIT", commands);
            FaultLoad.assertAcknowledgedWritesStored(database.url(), commands);
        }
    }

    /**
     * The test database refuses new sessions and its sessions are ended, again every 100 ms for
     * {@link #OUTAGE} (a client's retry meets the outage too, as during a restart), then accepts again.
     */
    private void outage() throws Exception {
        allowConnections(false);
        try (Connection c = PostgresDatabases.connect(database.url().withDatabase("postgres"));
             PreparedStatement end = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
            end.setString(1, database.url().database());
            long until = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < until) {
                end.executeQuery().close();
                Thread.sleep(100); // the outage's own pace: real time passes for the clients too
            }
        } finally {
            allowConnections(true);
        }
    }

    private void allowConnections(boolean allow) throws Exception {
        try (Connection c = PostgresDatabases.connect(database.url().withDatabase("postgres"));
             Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database.url().database() + " ALLOW_CONNECTIONS " + allow);
        }
    }
}
