package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import dev.huddle.it.LeaseWorker.Tally;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §7 contention with real processes: 8 agents × 50 lock/unlock cycles, each lock and
 * unlock a separate {@code java -jar huddle.jar} on one SQLite file. Exclusivity is checked twice:
 * live, by a guard outside Huddle that notices two holders at once, and afterwards, by the event
 * log, where no two grant intervals of intersecting resources may overlap.
 */
class LeaseContentionIT {

    private static final int WORKERS = 8;
    private static final int CYCLES = 50;
    private static final Duration RUN_LIMIT = TestTiming.scaled(Duration.ofSeconds(240));

    /** Pairwise intersecting: any two of them cover a common path ({@code src/a.rs}). */
    private static final List<String> INTERSECTING = List.of("src/**", "src/*.rs", "src/a*", "src/a.rs");

    @TempDir
    Path dir;

    private HuddleProcess huddle;
    private ExclusiveGuard guard;

    @BeforeEach
    void registerWorkers() {
        huddle = HuddleProcess.in(dir).withDb(dir.resolve("huddle.db"));
        for (int worker = 0; worker < WORKERS; worker++) {
            Result register = huddle.run("register", agent(worker));
            assertThat(register.exitCode()).as("%s", register).isZero();
        }
    }

    @Test
    void lockCycles_whenEightProcessesContendForOnePath_neverOverlap(TestReporter reporter) throws Exception {
        List<Tally> tallies = contend(worker -> cycle -> "src/shared.txt");

        assertExclusiveAndComplete(tallies, reporter);
    }

    @Test
    void lockCycles_whenProcessesHoldPairwiseIntersectingGlobs_neverOverlap(TestReporter reporter) throws Exception {
        List<Tally> tallies = contend(worker -> cycle -> INTERSECTING.get((worker + cycle) % INTERSECTING.size()));

        assertExclusiveAndComplete(tallies, reporter);
    }

    /** Runs every worker at once; {@code resources} gives each worker its resource per cycle. */
    private List<Tally> contend(IntFunction<IntFunction<String>> resources) throws Exception {
        guard = new ExclusiveGuard(dir.resolve("guard.marker"));
        Instant deadline = Instant.now().plus(RUN_LIMIT);
        var contest = new LeaseWorker.Contest(huddle, guard, new CountDownLatch(1), deadline, WORKERS, CYCLES);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<Tally>> futures = new ArrayList<>();
            for (int worker = 0; worker < WORKERS; worker++) {
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
            assertThat(tally.cycles()).as("%s: cycles done within %s", tally.agent(), RUN_LIMIT).isEqualTo(CYCLES);
        }
        assertThat(guard.violations()).as("overlapping holders seen by the guard").isEmpty();
        assertThat(guard.peak()).as("peak simultaneous holders").isEqualTo(1);

        LeaseHistory history = LeaseHistory.of(huddle.run("log", "--json", "--kind", "lease", "--limit", "100000")
                .jsonList("events"));
        assertThat(history.anomalies()).isEmpty();
        assertThat(history.intervals()).hasSize(WORKERS * CYCLES);
        assertThat(history.open()).as("leases never released").isEmpty();
        assertThat(history.overlappingPairs()).as("grant intervals of intersecting leases").isEmpty();
        assertThat(history.tokensInGrantOrder()).as("fencing tokens").isSorted().doesNotHaveDuplicates();
        assertThat(huddle.run("locks", "--json").jsonList("leases")).as("live leases at the end").isEmpty();
    }

    private static String agent(int worker) {
        return "w" + worker;
    }
}
