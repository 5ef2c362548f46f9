package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Pacer;
import dev.huddle.app.Workspace;
import dev.huddle.cli.Main;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.json.Json;
import dev.huddle.store.Store;
import dev.huddle.store.postgres.PostgresStore;
import dev.huddle.store.postgres.PostgresUrl;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.CausalLog;
import dev.huddle.testing.RandomCommands;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN §4.2 with real OS processes on one store, each {@link Backend}: four agents, each its own JVM, run seeded
 * random commands of every kind ({@link RandomCommands}) at the same time, starting with clocks far
 * apart. Afterwards the log, read in commit order, must be causal ({@link CausalLog}) and
 * {@code log} must list it in (time, agent) order. The seed is printed;
 * {@code -Dhuddle.causal.seed=N} changes it (the processes' interleaving differs from run to run).
 */
@ParameterizedClass
@EnumSource(Backend.class)
class CausalLogIT {

    private static final int WORKERS = 4;
    private static final int COMMANDS = 120;
    private static final long[] SKEWS = {0, 40, 900, 250_000};
    private static final Duration LIMIT = TestTiming.scaled(Duration.ofSeconds(180));

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store created;

    @BeforeEach
    void createStore() {
        created = backend.create(dir);
    }

    @AfterEach
    void dropStore() {
        if (created != null) { // null when the store could not be created (a skipped test)
            created.close();
        }
    }

    /** The store {@code db} names (what HUDDLE_DB says), opened directly. */
    static Store open(String db) {
        return db.startsWith("postgresql:") ? new PostgresStore(PostgresUrl.parse(db)) : new SqliteStore(Path.of(db));
    }

    @Test
    void concurrentProcesses_runningRandomCommands_withSkewedClocks_leaveACausalLog() throws Exception {
        long seed = Long.getLong("huddle.causal.seed", 20261203L);
        System.out.println("CausalLogIT seed " + seed + " (change: -Dhuddle.causal.seed=N)");
        String db = created.db();
        List<String> agents = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            agents.add("w" + w);
            cli(db, "register", "w" + w, "--role", w == 0 ? "operator" : "reviewer");
        }
        try (Store store = open(db)) {
            for (int w = 0; w < WORKERS; w++) {
                AgentId id = AgentId.of("w" + w);
                long skew = SKEWS[w];
                store.write(tx -> {
                    Agent a = tx.agents().find(id).orElseThrow();
                    tx.agents().update(a.withClock(new LamportTime(a.clock().value() + skew), a.lastSeen()));
                    return null;
                });
            }
        }

        race(db, seed, agents);

        List<Event> bySeq;
        try (Store store = open(db)) {
            bySeq = store.read(tx -> tx.events().query(EventFilter.after(0, 1_000_000)));
        }
        assertThat(bySeq.stream().map(Event::kind).distinct()).as("the run reached many kinds of event").hasSizeGreaterThan(15);
        assertThat(CausalLog.violations(bySeq)).as("seed %d: causality violations", seed).isEmpty();
        List<?> shown = (List<?>) Json.readObject(cli(db, "log", "--json", "--limit", "1000000")).get("events");
        assertThat(shown).extracting(e -> ((Number) ((Map<?, ?>) e).get("seq")).longValue())
                .as("log in (time, agent, seq) order")
                .containsExactlyElementsOf(bySeq.stream().sorted(Comparator.comparing((Event e) -> e.stamp())
                        .thenComparing(e -> e.agent().map(AgentId::value).orElse(""))
                        .thenComparingLong(Event::seq)).map(Event::seq).toList());
    }

    /** Starts one worker process per agent, releases them together, and waits for all of them. */
    private void race(String db, long seed, List<String> agents) throws Exception {
        Path go = dir.resolve("go");
        List<Process> processes = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            List<String> command = new ArrayList<>(List.of(javaBin(), "--enable-native-access=ALL-UNNAMED",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Worker.class.getName(), db, dir.toString(), "w" + w, Long.toString(seed + w),
                    Integer.toString(COMMANDS), go.toString()));
            command.addAll(agents);
            processes.add(new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(dir.resolve("w" + w + ".out").toFile())
                    .redirectError(dir.resolve("w" + w + ".err").toFile()).start());
        }
        Instant deadline = Instant.now().plus(LIMIT);
        while (!allReady() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        Files.createFile(go);
        for (int w = 0; w < WORKERS; w++) {
            Process p = processes.get(w);
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!p.waitFor(left, TimeUnit.MILLISECONDS)) {
                processes.forEach(Process::destroyForcibly);
                throw new AssertionError("worker w" + w + " did not finish within " + LIMIT);
            }
            assertThat(p.exitValue()).as("worker w%d: %s", w, Files.readString(dir.resolve("w" + w + ".err"))).isZero();
        }
    }

    private boolean allReady() {
        for (int w = 0; w < WORKERS; w++) {
            if (!Files.exists(dir.resolve("w" + w + ".ready"))) {
                return false;
            }
        }
        return true;
    }

    private String cli(String db, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, Map.of("HUDDLE_DB", db), dir, InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("huddle %s: %s", String.join(" ", args), err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * One agent as its own process: {@code Worker DB ROOT AGENT SEED COMMANDS GO_FILE AGENTS...}. It
     * opens the store as the CLI would (a local coordinator, the system clock, real sleeps), says it
     * is ready, waits for the go file, then runs COMMANDS random commands as AGENT.
     */
    public static final class Worker {

        public static void main(String[] args) throws Exception {
            String db = args[0];
            Path root = Path.of(args[1]);
            AgentId me = AgentId.of(args[2]);
            Random random = new Random(Long.parseLong(args[3]));
            int commands = Integer.parseInt(args[4]);
            Path go = Path.of(args[5]);
            List<AgentId> agents = Arrays.stream(args, 6, args.length).map(AgentId::of).toList();
            try (Coordinator c = new LocalCoordinator(new Context(open(db), Settings.DEFAULTS, Clock.systemUTC(),
                    new Workspace(root, root), Pacer.SLEEP, false))) {
                c.agents().whoami(me);
                Files.createFile(root.resolve(me.value() + ".ready"));
                while (!Files.exists(go)) {
                    Thread.sleep(1);
                }
                RandomCommands draw = new RandomCommands(random, root);
                for (int i = 0; i < commands; i++) {
                    draw.run(c, me, agents);
                }
            }
        }

        private Worker() {}
    }
}
