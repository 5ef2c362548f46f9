package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import dev.huddle.testing.PostgresDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's fault: the PostgreSQL store goes away under load and comes back. Three agents work on
 * the database directly and one through a {@code huddle serve} on it ({@link FaultWorker}: send,
 * lock, unlock, over and over, each a long-lived process). The outage is the test database's
 * alone: it stops accepting connections ({@code ALTER DATABASE … ALLOW_CONNECTIONS false}) and
 * every session on it is ended ({@code pg_terminate_backend}), repeatedly, for a few seconds; to
 * a client that is what a restart looks like (sessions cut mid-command, new ones refused), while
 * other test runs sharing the server go on. A real {@code pg_ctlcluster restart} would cut them too.
 *
 * <p>Afterwards: every command that exited 0 is in the store (no acknowledged write lost), every
 * one that failed failed with exit 1 and one line naming the problem, never a stack trace, and
 * every worker, and the server, carried on after the outage without being restarted.
 */
class PostgresFaultIT {

    private static final List<String> DIRECT = List.of("w0", "w1", "w2");
    private static final String REMOTE = "w3";
    private static final String PEER = "peer";
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration LIMIT = TestTiming.scaled(Duration.ofSeconds(120));
    /** Rounds each worker must finish before the outage, and again after it. */
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    private PostgresDatabases database;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        database = PostgresDatabases.create();
    }

    @AfterEach
    void stopAndDrop() throws Exception {
        processes.forEach(Process::destroyForcibly);
        for (Process p : processes) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        if (database != null) { // null when PostgreSQL could not be reached (a skipped test)
            allowConnections(true);
            database.close();
        }
    }

    @Test
    void storeOutageUnderLoad_noAcknowledgedWriteLost_failuresAreOneLine_workersAndServerRecover() throws Exception {
        HuddleProcess huddle = HuddleProcess.in(dir).withDb(database.text());
        for (String agent : List.of("w0", "w1", "w2", REMOTE, PEER)) {
            succeed(huddle.run("register", agent));
        }
        String token = succeed(huddle.run("token", "issue", "--agent", REMOTE)).stdout().strip();
        Process server = huddle.start("serve", "--bind", "127.0.0.1:0");
        processes.add(server);
        String url = HuddleProcess.firstLine(server, LIMIT);
        assertThat(url).as("serve's URL").startsWith("http://127.0.0.1:");

        Path stop = dir.resolve("stop");
        Path over = dir.resolve("outage-over");
        List<String> agents = new ArrayList<>(DIRECT);
        for (String agent : DIRECT) {
            processes.add(worker(agent, stop, over, Map.of("HUDDLE_DB", database.text())));
        }
        agents.add(REMOTE);
        processes.add(worker(REMOTE, stop, over, Map.of("HUDDLE_URL", url, "HUDDLE_TOKEN", token)));

        long deadline = System.nanoTime() + LIMIT.toNanos();
        awaitRounds(agents, false, deadline);
        outage();
        Files.createFile(over);
        awaitRounds(agents, true, deadline);
        Files.createFile(stop);
        for (Process p : processes.subList(1, processes.size())) {
            assertThat(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("worker stopped").isTrue();
            assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
        }
        assertThat(server.isAlive()).as("serve still running, never restarted").isTrue();

        List<Map<String, Object>> commands = new ArrayList<>();
        for (String agent : agents) {
            commands.addAll(lines(agent));
        }
        List<Map<String, Object>> failed = commands.stream().filter(c -> !c.get("code").equals(0)).toList();
        System.out.println("PostgresFaultIT: commands " + commands.size() + ", failed " + failed.size() + " (by agent "
                + failed.stream().collect(Collectors.groupingBy(c -> c.get("agent"), TreeMap::new, Collectors.counting()))
                + ")");
        System.out.println("PostgresFaultIT: errors " + failed.stream().map(c -> ((String) c.get("err")).strip()
                .replaceAll("\\d+", "N")).distinct().sorted().collect(Collectors.joining(" | ")));
        assertThat(failed).as("commands that failed during the outage (the outage was felt)").isNotEmpty();
        assertThat(failed).allSatisfy(c -> {
            assertThat(c.get("code")).as("%s", c).isEqualTo(1);
            assertThat(((String) c.get("err")).lines().filter(l -> !l.isBlank()).count()).as("%s", c).isEqualTo(1);
            assertThat((String) c.get("err")).as("%s", c).doesNotContain("Exception", "\tat ", "java.lang.");
        });
        assertThat(commands).filteredOn(c -> c.get("after").equals(true)).as("commands started after the outage")
                .isNotEmpty().allSatisfy(c -> assertThat(c.get("code")).as("%s", c).isEqualTo(0));
        assertAcknowledgedWritesStored(commands);
    }

    /** Every send, lock and unlock that exited 0 left its mark in the database. */
    private void assertAcknowledgedWritesStored(List<Map<String, Object>> commands) throws Exception {
        Set<String> bodies = new HashSet<>();
        Set<Long> granted = new HashSet<>();
        Set<String> released = new HashSet<>();
        try (Connection c = PostgresDatabases.connect(database.url()); Statement s = c.createStatement()) {
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
                case "lock" -> assertThat(granted).as("acknowledged lock %s", c).contains(token(c));
                default -> assertThat(released).as("acknowledged unlock %s", c).contains(agent + "/" + round + ".txt");
            }
        }
        assertThat(acknowledged).as("acknowledged writes checked").isGreaterThan(DIRECT.size() * ROUNDS * 2 * 3);
    }

    private static long token(Map<String, Object> lock) {
        List<?> leases = (List<?>) Json.readObject((String) lock.get("out")).get("leases");
        return ((Number) ((Map<?, ?>) leases.getFirst()).get("token")).longValue();
    }

    /**
     * The test database refuses new sessions and its sessions are ended, again every 100 ms for
     * {@link #OUTAGE} (a client's retry meets the outage too, as during a restart), then accepts again.
     */
    private void outage() throws Exception {
        allowConnections(false);
        try (Connection c = PostgresDatabases.connect(database.url().withDatabase("postgres"));
             PreparedStatement end = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
            end.setString(1, database.url().database());
            long until = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < until) {
                end.executeQuery().close();
                Thread.sleep(100); // the outage's own pace: real time passes for the clients too
            }
        } finally {
            allowConnections(true);
        }
    }

    private void allowConnections(boolean allow) throws Exception {
        try (Connection c = PostgresDatabases.connect(database.url().withDatabase("postgres"));
             Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database.url().database() + " ALLOW_CONNECTIONS " + allow);
        }
    }

    private Process worker(String agent, Path stop, Path over, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), FaultWorker.class.getName(), agent, PEER,
                stop.toString(), over.toString())
                .directory(dir.toFile()).redirectOutput(dir.resolve(agent + ".out").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HUDDLE_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Waits until every worker has finished {@link #ROUNDS} rounds whose commands all succeeded, before or after the outage. */
    private void awaitRounds(List<String> agents, boolean after, long deadline) throws Exception {
        for (String agent : agents) {
            while (true) {
                long good = lines(agent).stream().filter(c -> c.get("after").equals(after))
                        .filter(c -> c.get("command").equals("unlock") && c.get("code").equals(0)).count();
                if (good >= ROUNDS) {
                    break;
                }
                assertThat(System.nanoTime()).as("%s finished %d rounds %s the outage within %s", agent, ROUNDS,
                        after ? "after" : "before", LIMIT).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
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
}
