package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.cli.Main;
import dev.huddle.testing.PostgresDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exclusivity on PostgreSQL with real contention: 16 agents, each command the real CLI code
 * ({@link Main#execute}) opening its own PostgresStore and connection, as one-shot CLI processes
 * do, all released by one latch. A lease or a claim raced for must have exactly one winner, and
 * 16 × 50 lock/unlock cycles on one path must never have two holders at once (a guard outside
 * Huddle counts holders, as Curator's semaphore tests do). Races repeat with a seeded choice of
 * resources and start order; the seed is printed.
 */
class PostgresConcurrencyTest {

    private static final int AGENTS = 16;
    private static final int ROUNDS = 5;
    private static final int CYCLES = 50;

    @TempDir
    Path dir;

    private PostgresDatabases databases;
    private Map<String, String> env;
    private ExecutorService pool;

    @BeforeEach
    void registerAgents() {
        databases = PostgresDatabases.create();
        env = Map.of("HUDDLE_DB", databases.text());
        pool = Executors.newFixedThreadPool(AGENTS);
        for (int a = 0; a < AGENTS; a++) {
            assertThat(cli("register", agent(a))).as("register").isZero();
        }
    }

    @AfterEach
    void dropDatabase() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (databases != null) {
            databases.close();
        }
    }

    @Test
    void lock_whenSixteenAgentsRaceForOnePath_exactlyOneWinsEachRound() throws Exception {
        long seed = System.nanoTime();
        System.out.println("PostgresConcurrencyTest lock race seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            String path = "src/race-" + round + "-" + random.nextInt(1000) + ".txt";
            List<Integer> codes = race(random, a -> cli("lock", path, "--agent", agent(a), "--ttl", "10m"));
            assertThat(codes).as("seed %d round %d: exit codes", seed, round)
                    .containsOnly(0, 2).filteredOn(c -> c == 0).hasSize(1);
        }
    }

    @Test
    void claim_whenSixteenAgentsRaceForOneTask_exactlyOneWinsEachRound() throws Exception {
        long seed = System.nanoTime();
        System.out.println("PostgresConcurrencyTest claim race seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(cli("task", "new", "contended " + round, "--agent", agent(0))).isZero();
            String task = "T-" + (round + 1);
            boolean next = random.nextBoolean();
            List<Integer> codes = race(random, a -> next ? cli("claim-next", "--agent", agent(a))
                    : cli("claim", task, "--agent", agent(a)));
            assertThat(codes).as("seed %d round %d (%s): exit codes", seed, round, next ? "claim-next" : "claim")
                    .filteredOn(c -> c == 0).hasSize(1);
            assertThat(codes).as("seed %d: every loser refused, none failed", seed).allMatch(c -> c == 0 || c == 2 || c == 3);
        }
    }

    @Test
    void lockCycles_whenSixteenAgentsCycleFiftyTimesOnOnePath_neverTwoHolders() throws Exception {
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        List<Integer> done = race(new Random(0), a -> {
            int cycles = 0;
            for (int c = 0; c < CYCLES; c++) {
                if (cli("lock", "src/shared.txt", "--agent", agent(a), "--wait", "2m", "--ttl", "10m") != 0) {
                    unexpected.incrementAndGet();
                    continue;
                }
                if (holders.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                holders.decrementAndGet();
                if (cli("unlock", "src/shared.txt", "--agent", agent(a)) != 0) {
                    unexpected.incrementAndGet();
                }
                cycles++;
            }
            return cycles;
        });
        assertThat(overlaps.get()).as("cycles with two holders at once").isZero();
        assertThat(unexpected.get()).as("lock or unlock failures").isZero();
        assertThat(done).as("cycles per agent").containsOnly(CYCLES);
    }

    /** Runs {@code attempt} for every agent at once, in a seeded start order; returns their results by agent. */
    private List<Integer> race(Random random, java.util.function.IntFunction<Integer> attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> order = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            order.add(a);
        }
        java.util.Collections.shuffle(order, random);
        Future<?>[] futures = new Future<?>[AGENTS];
        for (int a : order) {
            Callable<Integer> task = () -> {
                start.await();
                return attempt.apply(a);
            };
            futures[a] = pool.submit(task);
        }
        start.countDown();
        List<Integer> results = new ArrayList<>();
        for (Future<?> f : futures) {
            results.add((Integer) f.get(5, TimeUnit.MINUTES));
        }
        return results;
    }

    private int cli(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream());
        int code = Main.execute(args, env, dir, new ByteArrayInputStream(new byte[0]), sink,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0 && code != 2 && code != 3) {
            System.out.println(String.join(" ", args) + " -> " + code + ": " + err.toString(StandardCharsets.UTF_8).strip());
        }
        return code;
    }

    private static String agent(int a) {
        return "a" + a;
    }
}
