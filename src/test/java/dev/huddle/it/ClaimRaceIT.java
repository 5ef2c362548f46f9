package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN §4.6 and issue 3 with real OS processes on one store (each {@link Backend}): 8 processes drain a board of
 * 40 ready tasks with {@code claim-next} (every task claimed exactly once, no errors), and 8
 * processes race {@code claim} on one task (one winner; the others exit 2 naming it). Each process
 * is a {@link Worker} that runs the CLI in-process in a loop, so a run costs one JVM start per
 * worker, not per command ({@link InProcessCli}); the processes still contend through the store only.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ClaimRaceIT {

    private static final int WORKERS = 8;
    private static final int TASKS = 40;
    private static final Duration LIMIT = TestTiming.scaled(Duration.ofSeconds(120));

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store store;

    @BeforeEach
    void board() {
        store = backend.create(dir);
        for (int w = 0; w < WORKERS; w++) {
            cli("register", "w" + w);
        }
    }

    @AfterEach
    void dropStore() {
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    @Test
    void claimNext_whenEightProcessesDrainFortyTasks_everyTaskIsClaimedExactlyOnce() throws Exception {
        for (int i = 1; i <= TASKS; i++) {
            cli("task", "new", "task " + i, "--agent", "w0");
        }
        Map<String, List<Map<String, Object>>> runs = race("claim-next");

        Map<String, String> claimedBy = new HashMap<>();
        for (var run : runs.entrySet()) {
            List<Map<String, Object>> attempts = run.getValue();
            assertThat(attempts).as("%s's attempts", run.getKey()).isNotEmpty();
            assertThat(attempts.getLast().get("code")).as("%s ends when nothing is ready", run.getKey()).isEqualTo(3);
            for (Map<String, Object> a : attempts.subList(0, attempts.size() - 1)) {
                assertThat(a.get("code")).as("%s: %s", run.getKey(), a).isEqualTo(0);
                String id = (String) ((Map<?, ?>) Json.readObject((String) a.get("out")).get("task")).get("id");
                assertThat(claimedBy.put(id, run.getKey())).as("%s claimed twice", id).isNull();
            }
        }
        assertThat(claimedBy).hasSize(TASKS);
        for (Object t : (List<?>) Json.readObject(cli("task", "list", "--json")).get("tasks")) {
            Map<?, ?> task = (Map<?, ?>) t;
            assertThat(task.get("status")).isEqualTo("claimed");
            assertThat(task.get("assignee")).as("the holder of %s", task.get("id")).isEqualTo(claimedBy.get(task.get("id")));
        }
        List<?> claims = (List<?>) Json.readObject(cli("log", "--kind", "task.claim", "--json", "--limit", "1000")).get("events");
        assertThat(claims).hasSize(TASKS);
    }

    @Test
    void claim_whenEightProcessesRaceForOneTask_oneWins_theOthersExit2NamingTheWinner() throws Exception {
        cli("task", "new", "contended", "--agent", "w0");
        Map<String, List<Map<String, Object>>> runs = race("claim");

        List<String> winners = runs.entrySet().stream()
                .filter(e -> e.getValue().getFirst().get("code").equals(0)).map(Map.Entry::getKey).toList();
        assertThat(winners).hasSize(1);
        for (var run : runs.entrySet()) {
            Map<String, Object> only = run.getValue().getFirst();
            assertThat(run.getValue()).hasSize(1);
            if (!run.getKey().equals(winners.getFirst())) {
                assertThat(only.get("code")).as("%s", only).isEqualTo(2);
                assertThat((String) only.get("out")).contains("T-1 is claimed by " + winners.getFirst());
            }
        }
        Map<String, Object> task = Json.readObject(cli("task", "show", "T-1", "--json"));
        assertThat(task.get("assignee")).isEqualTo(winners.getFirst());
    }

    /** Starts one worker process per agent, releases them together, and returns each one's attempts. */
    private Map<String, List<Map<String, Object>>> race(String mode) throws Exception {
        Path go = dir.resolve("go");
        List<Process> processes = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Path out = dir.resolve("w" + w + ".out");
            processes.add(new ProcessBuilder(javaBin(), "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Worker.class.getName(),
                    store.db(), "w" + w, mode, go.toString())
                    .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(dir.resolve("w" + w + ".err").toFile())
                    .start());
        }
        Instant deadline = Instant.now().plus(LIMIT);
        while (!allReady() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        Files.createFile(go);
        Map<String, List<Map<String, Object>>> runs = new HashMap<>();
        for (int w = 0; w < WORKERS; w++) {
            Process p = processes.get(w);
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!p.waitFor(left, TimeUnit.MILLISECONDS)) {
                processes.forEach(Process::destroyForcibly);
                throw new AssertionError("worker w" + w + " did not finish within " + LIMIT);
            }
            assertThat(p.exitValue()).as("worker w%d: %s", w, Files.readString(dir.resolve("w" + w + ".err"))).isZero();
            List<Map<String, Object>> attempts = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("w" + w + ".out"))) {
                attempts.add(Json.readObject(line));
            }
            runs.put("w" + w, attempts);
        }
        return runs;
    }

    private boolean allReady() {
        for (int w = 0; w < WORKERS; w++) {
            if (!Files.exists(dir.resolve("w" + w + ".ready"))) {
                return false;
            }
        }
        return true;
    }

    private String cli(String... args) {
        Map<String, Object> result = InProcessCli.run(Map.of("HUDDLE_DB", store.db()), dir, args);
        assertThat(result.get("code")).as("huddle %s: %s", String.join(" ", args), result.get("err")).isEqualTo(0);
        return (String) result.get("out");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * One contending agent as its own process: {@code Worker DB AGENT claim-next|claim GO_FILE}, in
     * the go file's directory; DB is what {@code HUDDLE_DB} takes (a file path or a PostgreSQL URL).
     * It warms up (a read), says it is ready, waits for the go file, then runs {@code claim-next}
     * until nothing is ready, or {@code claim T-1} once. Each attempt is one JSON line on stdout:
     * the exit code and what the command printed.
     */
    public static final class Worker {

        public static void main(String[] args) throws Exception {
            String db = args[0];
            String agent = args[1];
            boolean next = args[2].equals("claim-next");
            Path go = Path.of(args[3]);
            Map<String, String> env = Map.of("HUDDLE_DB", db, "HUDDLE_AGENT", agent);
            Path cwd = go.getParent();
            InProcessCli.run(env, cwd, "task", "list", "--json");
            Files.createFile(cwd.resolve(agent + ".ready"));
            while (!Files.exists(go)) {
                Thread.sleep(1);
            }
            while (true) {
                Map<String, Object> attempt = next ? InProcessCli.run(env, cwd, "claim-next", "--json") : InProcessCli.run(env, cwd, "claim", "T-1");
                System.out.println(Json.write(attempt));
                if (!next || !attempt.get("code").equals(0)) {
                    break;
                }
            }
            System.out.flush();
        }

        private Worker() {}
    }
}
