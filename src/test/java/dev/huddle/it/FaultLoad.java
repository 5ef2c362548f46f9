package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import dev.huddle.store.postgres.PostgresUrl;
import dev.huddle.testing.PostgresDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The load of issue 10's PostgreSQL faults, shared by {@link PostgresFaultIT} (the test database's
 * outage) and {@link PostgresRestartIT} (the server restarted): three agents on the database
 * directly and one through a {@code huddle serve} on it, each a long-lived {@link FaultWorker}
 * process, and the checks made of what they did: every command that exited 0 is in the store,
 * every failure is exit 1 with one line and no stack trace, every command started after the fault
 * succeeded in the same processes. {@link #close} ends every process it started.
 */
final class FaultLoad implements AutoCloseable {

    static final Duration LIMIT = TestTiming.scaled(Duration.ofSeconds(120));
    /** Rounds each worker must finish before the fault, and again after it. */
    static final int ROUNDS = 5;
    private static final List<String> DIRECT = List.of("w0", "w1", "w2");
    private static final String REMOTE = "w3";
    private static final String PEER = "peer";
    private static final List<String> AGENTS = List.of("w0", "w1", "w2", REMOTE);

    private final Path dir;
    private final String db;
    private final long deadline;
    private final List<Process> processes = new ArrayList<>();
    private Process server;
    private String url;

    private FaultLoad(Path dir, String db) {
        this.dir = dir;
        this.db = db;
        this.deadline = System.nanoTime() + LIMIT.toNanos();
    }

    /** Registers the agents, starts {@code huddle serve} on {@code db} and the four workers. */
    static FaultLoad start(Path dir, String db) throws Exception {
        FaultLoad load = new FaultLoad(dir, db);
        try {
            load.begin();
        } catch (Exception | Error e) {
            load.close();
            throw e;
        }
        return load;
    }

    private void begin() throws Exception {
        HuddleProcess huddle = HuddleProcess.in(dir).withDb(db);
        for (String agent : List.of("w0", "w1", "w2", REMOTE, PEER)) {
            succeed(huddle.run("register", agent));
        }
        String token = succeed(huddle.run("token", "issue", "--agent", REMOTE)).stdout().strip();
        server = huddle.start("serve", "--bind", "127.0.0.1:0");
        processes.add(server);
        // Drained into serve.err, or its log lines (a pool's warnings during the fault) fill the pipe and stall it.
        Thread.ofVirtual().start(() -> copy(server.getErrorStream(), dir.resolve("serve.err")));
        url = HuddleProcess.firstLine(server, LIMIT);
        assertThat(url).as("serve's URL").startsWith("http://127.0.0.1:");
        for (String agent : DIRECT) {
            processes.add(worker(agent, Map.of("HUDDLE_DB", db)));
        }
        processes.add(worker(REMOTE, Map.of("HUDDLE_URL", url, "HUDDLE_TOKEN", token)));
    }

    /** The server's URL. */
    String url() {
        return url;
    }

    private static void copy(InputStream from, Path to) {
        try (InputStream in = from; OutputStream out = Files.newOutputStream(to)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignore) {
            // The server ended (closed its end) or the test's directory went: nothing more to keep.
        }
    }

    /** The {@code huddle serve} process, never restarted. */
    Process server() {
        return server;
    }

    /** Waits until every worker has finished {@link #ROUNDS} rounds whose commands all succeeded, before or after the fault. */
    void awaitRounds(boolean after) throws Exception {
        for (String agent : AGENTS) {
            while (true) {
                long good = lines(agent).stream().filter(c -> c.get("after").equals(after))
                        .filter(c -> c.get("command").equals("unlock") && c.get("code").equals(0)).count();
                if (good >= ROUNDS) {
                    break;
                }
                assertThat(System.nanoTime()).as("%s finished %d rounds %s the fault within %s", agent, ROUNDS,
                        after ? "after" : "before", LIMIT).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** From now on, commands the workers start count as after the fault. */
    void faultOver() throws Exception {
        Files.createFile(dir.resolve("fault-over"));
    }

    /** Stops the workers (each must exit 0) and checks that the server still runs; returns every command they ran. */
    List<Map<String, Object>> stop() throws Exception {
        Files.createFile(dir.resolve("stop"));
        for (Process p : processes.subList(1, processes.size())) {
            assertThat(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("worker stopped").isTrue();
            assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
        }
        assertThat(server.isAlive()).as("serve still running, never restarted").isTrue();
        List<Map<String, Object>> commands = new ArrayList<>();
        for (String agent : AGENTS) {
            commands.addAll(lines(agent));
        }
        return commands;
    }

    /**
     * Prints what failed (by agent, and the distinct error lines with digits as N) and checks it:
     * some failed (the fault was felt), each exit 1 with one line and no stack trace, none after the fault.
     */
    static void assertFailuresPlain(String test, List<Map<String, Object>> commands) {
        List<Map<String, Object>> failed = commands.stream().filter(c -> !c.get("code").equals(0)).toList();
        System.out.println(test + ": commands " + commands.size() + ", failed " + failed.size() + " (by agent "
                + failed.stream().collect(Collectors.groupingBy(c -> c.get("agent"), TreeMap::new, Collectors.counting()))
                + ")");
        System.out.println(test + ": errors " + failed.stream().map(c -> ((String) c.get("err")).strip()
                .replaceAll("\\d+", "N")).distinct().sorted().collect(Collectors.joining(" | ")));
        assertThat(failed).as("commands that failed during the fault (the fault was felt)").isNotEmpty();
        assertThat(failed).allSatisfy(c -> {
            assertThat(c.get("code")).as("%s", c).isEqualTo(1);
            assertThat(((String) c.get("err")).lines().filter(l -> !l.isBlank()).count()).as("%s", c).isEqualTo(1);
            assertThat((String) c.get("err")).as("%s", c).doesNotContain("Exception", "\tat ", "java.lang.");
        });
        assertThat(commands).filteredOn(c -> c.get("after").equals(true)).as("commands started after the fault")
                .isNotEmpty().allSatisfy(c -> assertThat(c.get("code")).as("%s", c).isEqualTo(0));
    }

    /** Every send, lock and unlock that exited 0 left its mark in the database at {@code database}. */
    static void assertAcknowledgedWritesStored(PostgresUrl database, List<Map<String, Object>> commands) throws Exception {
        Set<String> bodies = new HashSet<>();
        Set<Long> granted = new HashSet<>();
        Set<String> released = new HashSet<>();
        try (Connection c = PostgresDatabases.connect(database); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT body FROM messages")) {
                while (r.next()) {
                    bodies.add(r.getString(1));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT token, resource, released_at FROM leases")) {
                while (r.next()) {
                    granted.add(r.getLong(1));
                    if (r.getObject(3) != null) {
                        released.add(r.getString(2));
                    }
                }
            }
        }
        int acknowledged = 0;
        for (Map<String, Object> c : commands) {
            if (!c.get("code").equals(0)) {
                continue;
            }
            acknowledged++;
            String agent = (String) c.get("agent");
            int round = ((Number) c.get("round")).intValue();
            switch ((String) c.get("command")) {
                case "send" -> assertThat(bodies).as("acknowledged send %s", c).contains(agent + "-" + round);
                case "lock" -> assertThat(granted).as("acknowledged lock %s", c).contains(leaseToken(c));
                default -> assertThat(released).as("acknowledged unlock %s", c).contains(agent + "/" + round + ".txt");
            }
        }
        assertThat(acknowledged).as("acknowledged writes checked").isGreaterThan(DIRECT.size() * ROUNDS * 2 * 3);
    }

    private static long leaseToken(Map<String, Object> lock) {
        List<?> leases = (List<?>) Json.readObject((String) lock.get("out")).get("leases");
        return ((Number) ((Map<?, ?>) leases.getFirst()).get("token")).longValue();
    }

    private Process worker(String agent, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), FaultWorker.class.getName(), agent, PEER,
                dir.resolve("stop").toString(), dir.resolve("fault-over").toString())
                .directory(dir.toFile()).redirectOutput(dir.resolve(agent + ".out").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HUDDLE_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private List<Map<String, Object>> lines(String agent) throws Exception {
        Path out = dir.resolve(agent + ".out");
        List<Map<String, Object>> lines = new ArrayList<>();
        if (!Files.exists(out)) {
            return lines;
        }
        for (String line : Files.readAllLines(out)) {
            if (line.endsWith("}")) { // a line still being written is read next time
                Map<String, Object> command = Json.readObject(line);
                command.put("agent", agent);
                lines.add(command);
            }
        }
        return lines;
    }

    /** Ends every process it started (a no-op for those that already ended). */
    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        try {
            for (Process p : processes) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
