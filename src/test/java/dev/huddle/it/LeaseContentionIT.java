package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.LeaseWorker.Tally;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN §7 contention with real processes on one store, SQLite file or PostgreSQL database
 * ({@link Backend}): 8 agent processes × 50
 * lock/unlock cycles ({@link ContentionWorker}: each command is the real CLI code with its own
 * store connection, in a long-lived process), and a smaller run where every lock and unlock is its
 * own {@code java -jar huddle.jar}. Exclusivity is checked twice: live, by a guard outside Huddle
 * that notices two holders at once, and afterwards, by the event log, where no two grant intervals
 * of intersecting resources may overlap. On PostgreSQL the one-path run has 16 processes (issue
 * 10: 16 × 50 lock/unlock on one path, zero overlaps).
 */
@ParameterizedClass
@EnumSource(Backend.class)
class LeaseContentionIT {

    private static final int WORKERS = 8;
    /** Issue 10's PostgreSQL race: 16 processes × 50 cycles on one path. */
    private static final int PG_ONE_PATH_WORKERS = 16;
    /**
     * The glob run's cycles on PostgreSQL, scaled down for the CI budget: at 50 it took 65 s on the
     * loaded 2-core machine (load average ~8), the 16-process one-path run 107 s.
     */
    private static final int PG_GLOB_CYCLES = 20;
    private static final int CYCLES = 50;
    /** Cycles per worker through the server: its workers' requests take turns on 2 cores with the server's. */
    private static final int SERVED_CYCLES = 30;
    /** The run with one JVM per command: ~175 ms of CPU per process on 2 cores, so kept smaller. */
    private static final int CLI_WORKERS = 4;
    private static final int CLI_CYCLES = 10;
    /**
     * Bound for the long-lived worker processes, in seconds (DESIGN §7 asks for under 30 s on this
     * workload on SQLite); PostgreSQL's runs have twice the processes on one path, a TCP connection
     * per command, and share 2 cores with the server.
     */
    private static final int WORKER_LIMIT_SQLITE = 30;
    private static final int WORKER_LIMIT_POSTGRESQL = 300;
    /**
     * A bound against a hang (a lease never released, a worker spinning), not a speed target: a
     * run starts about 1,200 JVMs, ~110 s on a 2-core machine with the build's AOT cache and
     * ~210 s without it. Speed is measured by the benchmarks (DESIGN §7).
     */
    private static final Duration RUN_LIMIT = TestTiming.scaled(Duration.ofSeconds(480));

    /** Pairwise intersecting: any two of them cover a common path ({@code src/a.rs}). */
    private static final List<String> INTERSECTING = List.of("src/**", "src/*.rs", "src/a*", "src/a.rs");

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store store;
    private HuddleProcess huddle;
    private ExclusiveGuard guard;

    @BeforeEach
    void registerWorkers() {
        store = backend.create(dir);
        huddle = HuddleProcess.in(dir).withDb(store.db());
        for (int worker = 0; worker < Math.max(WORKERS, backend.scaled(WORKERS, PG_ONE_PATH_WORKERS)); worker++) {
            succeed(huddle.run("register", agent(worker)));
        }
    }

    @AfterEach
    void dropStore() {
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    @Test
    void lockCycles_whenManyProcessesContendForOnePath_neverOverlap() throws Exception {
        int workers = backend.scaled(WORKERS, PG_ONE_PATH_WORKERS);
        runWorkerProcesses(workers, CYCLES, List.of("src/shared.txt"), worker -> Map.of());

        assertLogExclusive(workers * CYCLES);
    }

    /**
     * The one-path race through one {@code huddle serve} on the store: every lock and unlock is a
     * request, answered by the server's coordinators, whose writes commit in groups
     * ({@code store/GroupCommit}) and whose waiters are woken by its writes.
     */
    @Test
    void lockCycles_throughOneServer_whenManyProcessesContendForOnePath_neverOverlap() throws Exception {
        Process server = huddle.start("serve", "--bind", "127.0.0.1:0");
        Thread.ofVirtual().start(() -> { // drained, or its log lines fill the pipe and stall it
            try {
                server.getErrorStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ended) {
                // the server ended
            }
        });
        try {
            String url = HuddleProcess.firstLine(server, HuddleProcess.DEFAULT_TIMEOUT);
            assertThat(url).as("serve's URL").startsWith("http://127.0.0.1:");
            List<Map<String, String>> envs = new ArrayList<>();
            for (int worker = 0; worker < WORKERS; worker++) {
                String token = succeed(huddle.run("token", "issue", "--agent", agent(worker))).stdout().strip();
                envs.add(Map.of("HUDDLE_URL", url, "HUDDLE_TOKEN", token));
            }
            runWorkerProcesses(WORKERS, SERVED_CYCLES, List.of("src/shared.txt"), envs::get);
        } finally {
            server.destroy();
            assertThat(server.waitFor(HuddleProcess.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
        assertLogExclusive(WORKERS * SERVED_CYCLES);
    }

    @Test
    void lockCycles_whenProcessesHoldPairwiseIntersectingGlobs_neverOverlap() throws Exception {
        int cycles = backend.scaled(CYCLES, PG_GLOB_CYCLES);
        runWorkerProcesses(WORKERS, cycles, INTERSECTING, worker -> Map.of());

        assertLogExclusive(WORKERS * cycles);
    }

    @Test
    void lockCycles_whenEveryCommandIsItsOwnCliProcess_neverOverlap(TestReporter reporter) throws Exception {
        List<Tally> tallies = contend(worker -> cycle -> INTERSECTING.get((worker + cycle) % INTERSECTING.size()));

        assertExclusiveAndComplete(tallies, reporter);
    }

    /**
     * Starts every worker process at once (worker {@code w} with {@code env.apply(w)} added: a server's
     * URL and its token, then it works through the server) and checks each finished all cycles cleanly in time.
     */
    private void runWorkerProcesses(int workers, int cycles, List<String> resources, IntFunction<Map<String, String>> env)
            throws Exception {
        Path marker = dir.resolve("guard.marker");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int worker = 0; worker < workers; worker++) {
            Map<String, String> extra = env.apply(worker);
            ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), ContentionWorker.class.getName(),
                    extra.containsKey("HUDDLE_URL") ? "-" : store.db(), agent(worker), String.valueOf(cycles),
                    marker.toString(), String.join(",", resources), String.valueOf(worker))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(extra);
            processes.add(builder.start());
        }
        Duration limit = TestTiming.scaled(Duration.ofSeconds(backend.scaled(WORKER_LIMIT_SQLITE, WORKER_LIMIT_POSTGRESQL)));
        Instant deadline = Instant.now().plus(limit);
        for (Process p : processes) {
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            boolean finished = p.waitFor(left, TimeUnit.MILLISECONDS);
            if (!finished) {
                processes.forEach(Process::destroyForcibly);
            }
            assertThat(finished).as("worker finished within %s", limit).isTrue();
            String report = new String(p.getInputStream().readAllBytes()).strip();
            assertThat(p.exitValue()).as(report).isZero();
            assertThat(report).as("worker report").isEqualTo("cycles=" + cycles + " violations=0 unexpected=0");
        }
    }

    /** Runs every worker at once; {@code resources} gives each worker its resource per cycle. */
    private List<Tally> contend(IntFunction<IntFunction<String>> resources) throws Exception {
        guard = new ExclusiveGuard(dir.resolve("guard.marker"));
        Instant deadline = Instant.now().plus(RUN_LIMIT);
        var contest = new LeaseWorker.Contest(huddle, guard, new CountDownLatch(1), deadline, CLI_WORKERS, CLI_CYCLES);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<Tally>> futures = new ArrayList<>();
            for (int worker = 0; worker < CLI_WORKERS; worker++) {
                futures.add(pool.submit(new LeaseWorker(agent(worker), resources.apply(worker), contest)));
            }
            contest.start().countDown();
            List<Tally> tallies = new ArrayList<>();
            for (Future<Tally> future : futures) {
                // Workers stop at the deadline themselves; the margin covers their last process.
                long left = Duration.between(Instant.now(), deadline).plus(HuddleProcess.DEFAULT_TIMEOUT).toMillis();
                tallies.add(future.get(Math.max(left, 1), TimeUnit.MILLISECONDS));
            }
            return tallies;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertExclusiveAndComplete(List<Tally> tallies, TestReporter reporter) {
        reporter.publishEntry("lock denials", String.valueOf(tallies.stream().mapToInt(Tally::denials).sum()));
        for (Tally tally : tallies) {
            assertThat(tally.unexpected()).as("%s: answers other than 0 or 2", tally.agent()).isEmpty();
            assertThat(tally.cycles()).as("%s: cycles done within %s", tally.agent(), RUN_LIMIT).isEqualTo(CLI_CYCLES);
        }
        assertThat(guard.violations()).as("overlapping holders seen by the guard").isEmpty();
        assertThat(guard.peak()).as("peak simultaneous holders").isEqualTo(1);
        assertLogExclusive(CLI_WORKERS * CLI_CYCLES);
    }

    /** The event log agrees: every grant released, no two intersecting grant intervals overlap. */
    private void assertLogExclusive(int grants) {
        LeaseHistory history = LeaseHistory.of(
                succeed(huddle.run("log", "--json", "--kind", "lease", "--limit", "100000")).jsonList("events"));
        assertThat(history.anomalies()).isEmpty();
        assertThat(history.intervals()).hasSize(grants);
        assertThat(history.open()).as("leases never released").isEmpty();
        assertThat(history.overlappingPairs()).as("grant intervals of intersecting leases").isEmpty();
        assertThat(history.tokensInGrantOrder()).as("fencing tokens").isSorted().doesNotHaveDuplicates();
        assertThat(succeed(huddle.run("locks", "--json")).jsonList("leases")).as("live leases at the end").isEmpty();
    }

    private static String agent(int worker) {
        return "w" + worker;
    }
}
