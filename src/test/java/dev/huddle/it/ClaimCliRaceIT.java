package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The claim races of {@link ClaimRaceIT} with the packaged CLI itself: every claim is its own
 * {@code java -jar huddle.jar} process, started at once, on each {@link Backend}. On PostgreSQL
 * 16 processes race (issue 10: 16 processes claiming one task, exactly one winner).
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ClaimCliRaceIT {

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store store;
    private HuddleProcess huddle;
    private int processes;

    @BeforeEach
    void agents() {
        store = backend.create(dir);
        processes = backend.scaled(8, 16);
        huddle = HuddleProcess.in(dir).withDb(store.db());
        for (int i = 0; i < processes; i++) {
            succeed(huddle.run("register", "p" + i));
        }
    }

    @AfterEach
    void dropStore() {
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    @Test
    void claimNext_whenCliProcessesStartAtOnce_eachGetsADifferentTask() throws Exception {
        for (int i = 1; i <= processes; i++) {
            succeed(huddle.as("p0").run("task", "new", "task " + i));
        }
        List<Result> results = all(i -> huddle.as("p" + i).run("claim-next", "--json"));
        List<Object> claimed = new ArrayList<>();
        for (Result r : results) {
            assertThat(r.exitCode()).as("%s", r).isZero();
            claimed.add(((Map<?, ?>) r.json().get("task")).get("id"));
        }
        assertThat(claimed).hasSize(processes).doesNotHaveDuplicates();
        assertThat(huddle.run("claim-next", "--agent", "p0").exitCode()).as("nothing left").isEqualTo(3);
    }

    @Test
    void claim_whenCliProcessesRaceForOneTask_oneWins_theOthersExit2NamingIt() throws Exception {
        succeed(huddle.as("p0").run("task", "new", "contended"));
        List<Result> results = all(i -> huddle.as("p" + i).run("claim", "T-1"));
        List<Result> winners = results.stream().filter(r -> r.exitCode() == 0).toList();
        assertThat(winners).as("%s", results).hasSize(1);
        String holder = (String) huddle.run("task", "show", "T-1", "--json").json().get("assignee");
        // The answer quotes the task's title, agent text, so it is printed inside the untrusted frame.
        assertThat(winners.getFirst().stdout()).contains("\nclaimed T-1").contains("(" + holder + ", token");
        assertThat(results).filteredOn(r -> r.exitCode() != 0).hasSize(processes - 1)
                .allSatisfy(r -> {
                    assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
                    assertThat(r.stdout()).contains("T-1 is claimed by " + holder);
                });
    }

    /** Runs {@code command(i)} for every process index at once. */
    private List<Result> all(java.util.function.IntFunction<Result> command) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Result>) () -> {
                    start.await();
                    return command.apply(index);
                }));
            }
            start.countDown();
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) {
                results.add(f.get(HuddleProcess.DEFAULT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result succeed(Result r) {
        assertThat(r.exitCode()).as("%s", r).isZero();
        return r;
    }
}
