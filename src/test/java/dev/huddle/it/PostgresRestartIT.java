package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.store.postgres.PostgresUrl;
import dev.huddle.testing.PostgresDatabases;
import dev.huddle.testing.PrivatePostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10's fault for real: the PostgreSQL server itself is restarted under load. The server is
 * the test's own ({@link PrivatePostgres}), so the shared one and everyone on it are left alone.
 * Three agents work on it directly and one through a {@code huddle serve} ({@link FaultLoad});
 * meanwhile the server is stopped ({@code pg_ctl stop -m fast}: sessions ended, a checkpoint; or
 * {@code -m immediate}: every server process killed, a crash, so the start runs crash recovery),
 * left down for a moment and started again on the same data and port.
 *
 * <p>Afterwards: every command that exited 0 is in the database (crash recovery kept every
 * acknowledged commit), every failure was exit 1 with one line, never a stack trace, and commands
 * started after the restart succeed in the same worker processes and the same server, whose
 * LISTEN session is back and whose long-poll ({@code inbox --wait}) is woken by a send made
 * directly on the database.
 */
class PostgresRestartIT {

    /** How long the server stays down: new sessions are refused meanwhile. */
    private static final Duration DOWN = Duration.ofSeconds(2);
    private static final Duration LISTEN_LIMIT = TestTiming.scaled(Duration.ofSeconds(30));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "pg_ctl stop -m {0}")
    @ValueSource(strings = {"fast", "immediate"})
    void serverRestartedUnderLoad_noAcknowledgedWriteLost_failuresAreOneLine_workersAndServerRecover(String mode)
            throws Exception {
        try (PrivatePostgres server = PrivatePostgres.start(dir.resolve("pg"))) {
            PostgresUrl database = server.createDatabase("huddle");
            try (FaultLoad load = FaultLoad.start(dir, database.display())) {
                load.awaitRounds(false);
                long down = System.nanoTime();
                server.stop(mode);
                Thread.sleep(DOWN); // the clients' time passes while the server is down
                server.start();
                System.out.printf("PostgresRestartIT (%s): down for %d ms%n", mode, (System.nanoTime() - down) / 1_000_000);
                load.faultOver();
                load.awaitRounds(true);
                awaitListener(database);
                assertWaiterWoken(load, database, mode);
                List<Map<String, Object>> commands = load.stop();
                if (mode.equals("immediate")) {
                    assertThat(server.log()).as("the start after a crash ran crash recovery")
                            .contains("automatic recovery in progress");
                }
                FaultLoad.assertFailuresPlain("PostgresRestartIT (" + mode + ")", commands);
                FaultLoad.assertAcknowledgedWritesStored(database, commands);
            }
        }
    }

    /** The server's LISTEN session ({@code huddle listen}) is open again on the restarted server. */
    private static void awaitListener(PostgresUrl database) throws Exception {
        long deadline = System.nanoTime() + LISTEN_LIMIT.toNanos();
        while (true) {
            try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'huddle listen'")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("serve listens again within %s of the restart", LISTEN_LIMIT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** An {@code inbox --wait} through the server that survived the restart ends when a CLI sends on the database. */
    private void assertWaiterWoken(FaultLoad load, PostgresUrl database, String mode) throws Exception {
        // An agent of its own: a worker's send would mark the worker's unread messages read before the waiter saw them.
        HuddleProcess direct = HuddleProcess.in(dir).withDb(database.display());
        String listener = "listener-" + mode;
        succeed(direct.run("register", listener));
        String token = succeed(direct.run("token", "issue", "--agent", listener)).stdout().strip();
        HuddleProcess remote = HuddleProcess.in(dir).withEnv("HUDDLE_URL", load.url()).withEnv("HUDDLE_TOKEN", token);
        Process waiter = remote.start("inbox", "--wait", LISTEN_LIMIT.toSeconds() + "s", "--json");
        try {
            Thread.sleep(TestTiming.scaled(Duration.ofMillis(1500))); // its JVM starts and its request is waiting
            assertThat(waiter.isAlive()).as("inbox --wait is waiting").isTrue();
            succeed(direct.run("send", listener, "after the restart", "--agent", "peer"));
            long sent = System.nanoTime();
            assertThat(waiter.waitFor(LISTEN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)).as("inbox --wait woken").isTrue();
            String out = new String(waiter.getInputStream().readAllBytes());
            String err = new String(waiter.getErrorStream().readAllBytes());
            System.out.printf("PostgresRestartIT (%s): inbox --wait through serve woken %d ms after the send%n", mode,
                    (System.nanoTime() - sent) / 1_000_000);
            assertThat(waiter.exitValue()).as("inbox --wait: %s %s", out, err).isZero();
            assertThat(out).contains("after the restart");
        } finally {
            waiter.destroyForcibly();
        }
    }
}
