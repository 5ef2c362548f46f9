package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import dev.huddle.core.summary.SummaryEntry;
import dev.huddle.core.summary.SummaryRound;
import dev.huddle.core.token.AccessToken;
import dev.huddle.store.Store;
import dev.huddle.store.Tx;
import dev.huddle.store.postgres.PostgresStore;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.PostgresDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huddle migrate --to} through the real command and real stores (issue 10): an SQLite file
 * with a row of every kind moved into a PostgreSQL database and from there into a new SQLite file,
 * each export byte-identical, tokens and id sequences carried; refusals change nothing.
 */
class MigrateCommandTest {

    @TempDir
    Path dir;

    private PostgresDatabases databases;
    private Path source;

    @BeforeEach
    void createDatabase() {
        databases = PostgresDatabases.create();
        source = dir.resolve("team.db");
    }

    @AfterEach
    void dropDatabase() {
        if (databases != null) {
            databases.close();
        }
    }

    @Test
    void migrate_sqliteToPostgresToNewSqlite_exportsByteIdentical_tokensAndSequencesCarried() throws Exception {
        long goneWaiter = fill();
        Run toPostgres = cli(source.toString(), "migrate", "--to", databases.text());
        assertThat(toPostgres.code).as(toPostgres.err).isZero();
        assertThat(toPostgres.out).contains("copied ", "  tokens: 2", "  lease_waiters: 1", "next: set HUDDLE_DB=" + databases.url().display());

        Path back = dir.resolve("back.db");
        Run toSqlite = cli(databases.text(), "migrate", "--to", back.toString());
        assertThat(toSqlite.code).as(toSqlite.err).isZero();

        String first = export(source.toString(), "sqlite.jsonl");
        assertThat(first.lines()).hasSizeGreaterThan(25);
        for (String table : List.of("agents", "sessions", "stop_guards", "counters", "leases", "lease_waiters", "frontier_waiters",
                "messages", "deliveries", "events", "tasks", "task_deps", "task_remarks", "decisions", "summary_rounds", "summary_entries")) {
            assertThat(first).as("the fixture has a row in " + table).contains("{\"table\":\"" + table + "\"");
        }
        assertThat(first).contains("\"released_at\":").contains("\"acked_at\":");
        assertThat(export(databases.text(), "postgres.jsonl")).isEqualTo(first);
        assertThat(export(back.toString(), "back.jsonl")).isEqualTo(first);

        try (Store sqlite = new SqliteStore(source); Store postgres = new PostgresStore(databases.url()); Store again = new SqliteStore(back)) {
            List<AccessToken> tokens = sqlite.read((Tx tx) -> tx.tokens().all());
            Map<String, Long> sequences = sqlite.read((Tx tx) -> tx.dump().sequences());
            assertThat(tokens).hasSize(2);
            assertThat(sequences).containsEntry("lease_waiters", goneWaiter);
            for (Store copy : List.of(postgres, again)) {
                assertThat(copy.read((Tx tx) -> tx.tokens().all())).as(copy.location()).isEqualTo(tokens);
                assertThat(copy.read((Tx tx) -> tx.dump().sequences())).as(copy.location()).isEqualTo(sequences);
            }
        }
        assertThat(cli(databases.text(), "lock", "docs/b.md", "--agent", "alice").code).as("docs/** still held by bob").isEqualTo(2);
        assertThat(cli(databases.text(), "task", "new", "Next", "--agent", "alice").out).contains("T-3");
    }

    @Test
    void migrate_whenTargetNotEmpty_refusedInOneLine_targetAndSourceUnchanged() throws Exception {
        fill();
        String sourceBefore = export(source.toString(), "source-before.jsonl");
        assertThat(cli(databases.text(), "register", "carol").code).isZero();
        String targetBefore = export(databases.text(), "target-before.jsonl");

        Run refused = cli(source.toString(), "migrate", "--to", databases.text());
        assertThat(refused.code).isEqualTo(ExitCode.ERROR);
        assertThat(refused.err.strip()).doesNotContain("\n").contains("is not empty (it holds 1 agents, 1 events)", "empty store only");
        assertThat(export(databases.text(), "target-after.jsonl")).isEqualTo(targetBefore);

        Path other = dir.resolve("other.db");
        try (Store tokenOnly = new SqliteStore(other)) {
            tokenOnly.write((Tx tx) -> {
                tx.tokens().insert(new AccessToken("tok1", AgentId.of("dana"), true, "ab".repeat(32), Instant.now(),
                        Optional.empty(), Optional.empty(), Optional.empty()));
                return null;
            });
        }
        Run tokenOnly = cli(source.toString(), "migrate", "--to", other.toString());
        assertThat(tokenOnly.code).isEqualTo(ExitCode.ERROR);
        assertThat(tokenOnly.err).contains("(it holds 1 tokens)");
        assertThat(export(source.toString(), "source-after.jsonl")).isEqualTo(sourceBefore);
    }

    @Test
    void migrate_whenTargetUnreachable_oneLine_sourceUnchanged() throws Exception {
        fill();
        String before = export(source.toString(), "before.jsonl");
        Run down = cli(source.toString(), "migrate", "--to", "postgresql://postgres:secret@127.0.0.1:1/huddle");
        assertThat(down.code).isEqualTo(ExitCode.ERROR);
        assertThat(down.err.strip()).doesNotContain("\n").contains("cannot reach PostgreSQL at 127.0.0.1:1").doesNotContain("secret");
        assertThat(export(source.toString(), "after.jsonl")).isEqualTo(before);

        assertThat(cli(databases.text(), "register", "alice").code).isZero();
        Run fromPostgres = cli(databases.text(), "migrate", "--to", "postgresql://postgres@127.0.0.1:1/huddle");
        assertThat(fromPostgres.code).isEqualTo(ExitCode.ERROR);
        assertThat(fromPostgres.err.strip()).as("the target's failure, not taken for the source's")
                .doesNotContain("\n").startsWith("huddle: cannot reach PostgreSQL at 127.0.0.1:1").doesNotContain(databases.url().display());
    }

    @Test
    void migrate_dryRun_countsWhatItWouldCopy_andWritesNothing() throws Exception {
        fill();
        Path fresh = dir.resolve("fresh.db");
        Run dry = cli(source.toString(), "migrate", "--to", fresh.toString(), "--dry-run");
        assertThat(dry.code).as(dry.err).isZero();
        assertThat(dry.out).startsWith("dry run: would copy ").contains("  tokens: 2").doesNotContain("next:");
        assertThat(fresh).as("the dry run's file is removed").doesNotExist();

        Run dryPg = cli(source.toString(), "migrate", "--to", databases.text(), "--dry-run", "--json");
        assertThat(dryPg.code).as(dryPg.err).isZero();
        assertThat(dryPg.out).contains("\"dry_run\":true", "\"tokens\":2");
        try (Store postgres = new PostgresStore(databases.url())) {
            assertThat(postgres.read((Tx tx) -> tx.dump().contents())).isEmpty();
            assertThat(postgres.read((Tx tx) -> tx.tokens().all())).isEmpty();
        }
    }

    @Test
    void migrate_badInput_oneLine_andNoFileLeft() {
        assertThat(cli(source.toString(), "register", "alice").code).isZero();
        Run noTo = cli(source.toString(), "migrate");
        assertThat(noTo.code).isEqualTo(ExitCode.USAGE);
        assertThat(noTo.err).contains("needs --to URL|PATH");

        Run self = cli(source.toString(), "migrate", "--to", source.toString());
        assertThat(self.code).isEqualTo(ExitCode.USAGE);
        assertThat(self.err).contains("names the current store");

        Run noSource = cli(dir.resolve("missing.db").toString(), "migrate", "--to", dir.resolve("x.db").toString());
        assertThat(noSource.code).isEqualTo(ExitCode.ERROR);
        assertThat(noSource.err).contains("nothing to migrate");
        assertThat(dir.resolve("missing.db")).doesNotExist();
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    /**
     * The copy holds the source's writers' lock until the target commits: the target's writers'
     * lock is held here, so the migration stops inside its target transaction; a writer of the
     * source then waits, and its row is in the source only, after the copy.
     */
    @Test
    void migrate_holdsTheSourcesWritersLock_untilTheTargetCommits() throws Exception {
        fill();
        try (Connection holder = PostgresDatabases.connect(databases.url());
                ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
            holder.createStatement().execute("SELECT pg_advisory_lock(" + 0x487564646c65L + ")");
            Future<Run> migrate = runs.submit(() -> cli(source.toString(), "migrate", "--to", databases.text()));
            awaitAdvisoryWaiter(holder, migrate);
            Future<Run> writer = runs.submit(() -> cli(source.toString(), "register", "zed"));
            assertThatThrownBy(() -> writer.get(700, TimeUnit.MILLISECONDS)).as("the source's writer waits for the copy")
                    .isInstanceOf(TimeoutException.class);
            holder.createStatement().execute("SELECT pg_advisory_unlock(" + 0x487564646c65L + ")");
            Run moved = migrate.get(30, TimeUnit.SECONDS);
            assertThat(moved.code).as(moved.err).isZero();
            Run registered = writer.get(30, TimeUnit.SECONDS);
            assertThat(registered.code).as(registered.err).isZero();
        }
        assertThat(export(source.toString(), "source.jsonl")).contains("\"id\":\"zed\"");
        assertThat(export(databases.text(), "target.jsonl")).doesNotContain("\"id\":\"zed\"");
    }

    /** Until the migration's target connection waits for the writers' lock (bounded: 20 s). */
    private static void awaitAdvisoryWaiter(Connection c, Future<Run> migrate) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && !migrate.isDone()) {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND wait_event_type = 'Lock' AND wait_event = 'advisory'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the migration never waited for the target's lock: " + (migrate.isDone() ? migrate.get() : "timed out"));
    }

    /**
     * A row of every kind: agents, a session and its stop guard, a live and a released lease,
     * waiters (the newest one gone, so its id sequence runs ahead of the rows), messages with
     * deliveries and an ack, events, tasks with a dependency and a remark, a decision, a summary
     * round with an entry, and two tokens. Returns the id of the deleted lease waiter.
     */
    private long fill() {
        for (List<String> command : List.of(
                List.of("register", "alice", "--role", "qa"),
                List.of("register", "bob", "--name", "Bob \"B\" Ü"),
                List.of("lock", "src/a.txt", "--agent", "alice", "--reason", "parser ✓"),
                List.of("lock", "docs/**", "--agent", "bob"),
                List.of("send", "bob", "hello", "ü", "--agent", "alice"),
                List.of("send", "alice", "re", "--agent", "bob"),
                List.of("ack", "1", "--agent", "bob"),
                List.of("task", "new", "Parse", "--description", "two\nlines", "--agent", "alice"),
                List.of("task", "new", "Lex", "--agent", "bob"),
                List.of("dep", "add", "T-1", "T-2", "--agent", "alice"),
                List.of("claim", "T-1", "--agent", "bob"),
                List.of("amend", "T-1", "see #1", "--agent", "bob"),
                List.of("decide", "use X", "--agent", "alice"),
                List.of("unlock", "src/a.txt", "--agent", "alice"),
                List.of("token", "issue", "--agent", "alice"),
                List.of("token", "issue", "--agent", "root", "--operator"))) {
            Run run = cli(source.toString(), command.toArray(String[]::new));
            assertThat(run.code).as(String.join(" ", command) + ": " + run.err).isZero();
        }
        Instant now = Instant.now();
        try (Store store = new SqliteStore(source)) {
            return store.write((Tx tx) -> {
                AgentId alice = AgentId.of("alice");
                tx.sessions().bind("sess-1", AgentId.of("bob"), "claude-code", now);
                tx.sessions().saveStopGuard(alice, List.of(2L), now);
                List<Resource> docs = List.of(Resource.fromText("docs/a.md"));
                tx.leases().enqueue(new Waiter(0, alice, docs, LeaseMode.EXCLUSIVE, now.plusSeconds(600)));
                long gone = tx.leases().enqueue(new Waiter(0, alice, docs, LeaseMode.SHARED, now.plusSeconds(600)));
                tx.leases().dequeue(gone);
                tx.frontierWaiters().enqueue(new FrontierQuery(1, null, true), now, now.plusSeconds(600));
                SummaryRound round = tx.summaries().insert(new SummaryRound(0, alice, now, List.of(alice), Optional.empty()));
                tx.summaries().write(new SummaryEntry(round.id(), alice, now, "wrote\nthe parser"));
                return gone;
            });
        }
    }

    private String export(String db, String file) throws Exception {
        Path out = dir.resolve(file);
        Run run = cli(db, "export", "--jsonl", out.toString());
        assertThat(run.code).as(run.err).isZero();
        return Files.readString(out);
    }

    private record Run(int code, String out, String err) {}

    private Run cli(String db, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, Map.of("HUDDLE_DB", db), dir, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
