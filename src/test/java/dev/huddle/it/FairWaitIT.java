package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.huddle.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fair waiting with real processes on one store, each {@link Backend} (issue 7): six agent processes
 * ({@link ContentionWorker}) lock one path with {@code --wait}, hold it briefly and unlock it, over
 * and over, all starting at one signal. One of them, {@code w0}, has worked far longer than the
 * others before the run, so its Lamport clock is hundreds ahead: ordering the line by Lamport time
 * made it be passed by every later request. The event log must show zero overtakes (among the
 * contenders, requests are granted in the order they arrived in the store), zero overlaps, and
 * every cycle done.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class FairWaitIT {

    private static final int WORKERS = 6;
    private static final int CYCLES = 15;
    private static final int SKEW = 500;
    private static final String PATH = "src/shared.txt";
    /** A bound against a hang or a starved worker, not a speed target. */
    private static final Duration LIMIT = TestTiming.scaled(Duration.ofSeconds(120));

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store store;

    @BeforeEach
    void createStore() {
        store = backend.create(dir);
    }

    @AfterEach
    void dropStore() {
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    @Test
    void lockWait_whenOneProcessHasAClockFarAhead_nobodyIsOvertaken_andNothingOverlaps(TestReporter reporter)
            throws Exception {
        String db = store.db();
        HuddleProcess huddle = HuddleProcess.in(dir).withDb(db);
        for (int w = 0; w < WORKERS; w++) {
            inProcess(db, "register", "w" + w);
        }
        for (int i = 0; i < SKEW; i++) {
            inProcess(db, "heartbeat", "--agent", "w0");
        }

        // Checked before the run: the causal log merges clocks whenever one worker's lock follows
        // another's release, so the skew is the starting condition, not something that lasts.
        long w0 = clock(db, "w0");
        for (int w = 1; w < WORKERS; w++) {
            assertThat(w0).as("w0's clock is ahead of w%d's", w).isGreaterThan(clock(db, "w" + w) + SKEW / 2);
        }

        runWorkers(db);

        List<Map<String, Object>> events =
                succeed(huddle.run("log", "--json", "--kind", "lease", "--limit", "100000")).jsonList("events");
        LeaseHistory history = LeaseHistory.of(events);
        assertThat(history.anomalies()).isEmpty();
        assertThat(history.intervals()).hasSize(WORKERS * CYCLES);
        assertThat(history.overlappingPairs()).as("grant intervals that overlap").isEmpty();
        assertThat(history.open()).as("leases never released").isEmpty();
        LockLine line = LockLine.of(events);
        reporter.publishEntry("requests that waited", String.valueOf(line.requests().stream().filter(
                LockLine.Request::waited).count()));
        assertThat(line.requests()).as("every request granted, none gave up").hasSize(WORKERS * CYCLES)
                .allMatch(LockLine.Request::granted);
        assertThat(line.of("w0")).as("w0 contended: it had to wait at least once").anyMatch(LockLine.Request::waited);
        assertThat(line.overtakes()).as("requests granted before an earlier arrival that was still waiting").isEmpty();
    }

    /** Starts every worker, lets them go at one signal, and checks each finished all cycles cleanly in time. */
    private void runWorkers(String db) throws Exception {
        Path marker = dir.resolve("guard.marker");
        Path start = dir.resolve("start");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        try {
            for (int w = 0; w < WORKERS; w++) {
                processes.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        ContentionWorker.class.getName(), db, "w" + w, String.valueOf(CYCLES),
                        marker.toString(), PATH, "0", start.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            Files.createFile(start);
            Instant deadline = Instant.now().plus(LIMIT);
            for (Process p : processes) {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                assertThat(p.waitFor(left, TimeUnit.MILLISECONDS)).as("worker finished within %s", LIMIT).isTrue();
                String report = new String(p.getInputStream().readAllBytes()).strip();
                assertThat(p.exitValue()).as(report).isZero();
                assertThat(report).as("worker report").isEqualTo("cycles=" + CYCLES + " violations=0 unexpected=0");
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private long clock(String db, String agent) throws IOException {
        Map<String, Object> whoami = JSON.std.mapFrom(inProcess(db, "whoami", "--agent", agent, "--json"));
        return ((Number) whoami.get("clock")).longValue();
    }

    /** The real CLI code in this JVM: fast enough for the hundreds of heartbeats that skew w0's clock. */
    private String inProcess(String db, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(out, true);
        int code = Main.execute(args, Map.of("HUDDLE_DB", db), dir,
                new ByteArrayInputStream(new byte[0]), sink, new PrintStream(OutputStream.nullOutputStream()));
        assertThat(code).as("huddle %s", String.join(" ", args)).isZero();
        return out.toString();
    }
}
