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
    private static final Duration WAKE_LIMIT = TestTiming.scaled(Duration.ofSeconds(30));

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
        long deadline = System.nanoTime() + WAKE_LIMIT.toNanos();
        while (true) {
            try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'huddle listen'")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("serve listens again within %s of the restart", WAKE_LIMIT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The server's thread dump ({@code jcmd PID Thread.print}), for a failure message. */
    private static String threads(Process server) throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "serve-threads-" + server.pid() + ".txt");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.pid()), "Thread.dump_to_file", "-overwrite", file.toString()).redirectErrorStream(true).start();
        String said = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        String dump = java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : said;
        java.nio.file.Files.deleteIfExists(file);
        return java.util.Arrays.stream(dump.split("\n\n")).filter(t -> t.contains("dev.huddle"))
                .collect(java.util.stream.Collectors.joining("\n\n"));
    }

    /** The database's sessions, for a failure message: who is in which state since when, doing what. */
    private static String sessions(PostgresUrl database) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pid, application_name, state || ' xmin ' || coalesce(backend_xmin::text, '-'),"
                     + " xact_start, state_change, query"
                     + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (r.next()) {
                text.append(r.getInt(1)).append(' ').append(r.getString(2)).append(' ').append(r.getString(3))
                        .append(" xact ").append(r.getString(4)).append(" since ").append(r.getString(5)).append(": ")
                        .append(r.getString(6)).append('\n');
            }
        }
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT value FROM huddle_meta WHERE key = 'commits'),"
                     + " (SELECT string_agg(m.id || ' to ' || d.recipient || ' delivered ' || coalesce(d.delivered_at::text, '-'), ', ')"
                     + " FROM messages m JOIN deliveries d ON d.message_id = m.id WHERE m.body = 'after the restart')")) {
            r.next();
            text.append("commits ").append(r.getString(1)).append("; the message: ").append(r.getString(2)).append('\n');
        } catch (Exception e) {
            text.append("(").append(e.getMessage()).append(")\n");
        }
        return text.toString();
    }

    /** An {@code inbox --wait} through the server that survived the restart ends when a CLI sends on the database. */
    private void assertWaiterWoken(FaultLoad load, PostgresUrl database, String mode) throws Exception {
        HuddleProcess remote = HuddleProcess.in(dir).withEnv("HUDDLE_URL", load.url()).withEnv("HUDDLE_TOKEN", load.token());
        Process waiter = remote.start("inbox", "--wait", WAKE_LIMIT.toSeconds() + "s", "--json");
        try {
            Thread.sleep(TestTiming.scaled(Duration.ofMillis(1500))); // its JVM starts and its request is waiting
            assertThat(waiter.isAlive()).as("inbox --wait is waiting").isTrue();
            succeed(HuddleProcess.in(dir).withDb(database.display()).run("send", "w3", "after the restart", "--agent", "peer"));
            long sent = System.nanoTime();
            String stuck = waiter.waitFor(5, TimeUnit.SECONDS) ? "" : sessions(database) + threads(load.server());
            assertThat(waiter.waitFor(WAKE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)).as("inbox --wait woken").isTrue();
            String err = new String(waiter.getErrorStream().readAllBytes());
            String out = new String(waiter.getInputStream().readAllBytes());
            System.out.printf("PostgresRestartIT (%s): inbox --wait through serve woken %d ms after the send%n", mode,
                    (System.nanoTime() - sent) / 1_000_000);
            if (waiter.exitValue() != 0) {
                assertThat(waiter.exitValue()).as("inbox --wait: %s %s; sessions:%n%s%nserve's threads:%n%s%nserve logged:%n%s",
                        out, err, sessions(database), stuck, load.serverLog()).isZero();
            }
            assertThat(out).contains("after the restart");
        } finally {
            waiter.destroyForcibly();
        }
    }
}
