package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import dev.huddle.json.MiniJson;
import dev.huddle.remote.Discovery;
import dev.huddle.testing.PostgresDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of a real {@code huddle serve} under load. Client threads (real HTTP, one agent token
 * each) lock, send and create tasks until the server dies mid-load; meanwhile a CLI through
 * {@code HUDDLE_URL} says it cannot reach the server (exit 1); {@code serve} starts again on the
 * same store and port (the dead server's discovery file and lock are stale); then every request
 * that was answered (2xx, or 409 refused) is in the store, whole, and nothing else is half-written:
 * every lease, message and task has its event, every message its deliveries. The seed is printed.
 * On each {@link Backend}.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ServerKillIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(30));
    private static final int CLIENTS = 4;
    /** Answered requests before the kill: enough that the kill lands among requests in flight. */
    private static final int ACKED_BEFORE_KILL = 120;
    private static final java.util.concurrent.Executor READERS = command -> Thread.ofVirtual().start(command);

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store store;
    private final List<Process> servers = new ArrayList<>();

    /** A request the server answered, and what it answered. */
    record Acked(String kind, String key, int status, Map<String, Object> body) {}

    @BeforeEach
    void createStore() {
        store = backend.create(dir);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process server : servers) {
            server.destroyForcibly().waitFor();
        }
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    private HuddleProcess huddle() {
        return HuddleProcess.in(dir).withDb(store.db());
    }

    /** Where serve keeps its record: beside the store file, or under .huddle with PostgreSQL. */
    private Path stateDir() {
        return store.isPostgres() ? dir.resolve(".huddle") : dir;
    }

    /** A number in an event's JSON data, in this backend's SQL. */
    private String dataNumber(String key) {
        return store.isPostgres() ? "(e.data::jsonb ->> '" + key + "')::bigint" : "json_extract(e.data, '$." + key + "')";
    }

    @Test
    void killedUnderLoad_everyAnsweredWriteSurvives_clientsGetAClearError_andServeStartsAgain() throws Exception {
        long seed = Long.getLong("huddle.seed", System.nanoTime());
        System.out.println("ServerKillIT seed " + seed);
        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            succeed(huddle().run("register", "agent" + c));
        }
        for (int c = 0; c < CLIENTS; c++) {
            tokens.add(succeed(huddle().run("token", "issue", "--agent", "agent" + c)).stdout().strip());
        }
        Process first = serve("127.0.0.1:0");
        URI url = url(first);
        long startedAt = System.nanoTime();

        List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger cut = new AtomicInteger();
        List<Throwable> broken = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Random random = new Random(seed + c);
            clients.add(Thread.ofPlatform().name("client-" + c)
                    .uncaughtExceptionHandler((t, e) -> broken.add(e))
                    .start(() -> load(url, tokens.get(client), client, random, acked, failures, cut)));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (acked.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(acked.size()).as("answered before the kill").isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no drain, the discovery file stays
        assertThat(first.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        for (Thread t : clients) {
            t.join(WAIT);
            assertThat(t.isAlive()).as("%s saw the server go", t.getName()).isFalse();
        }
        assertThat(broken).as("answers other than 200/409 before the kill").isEmpty();
        assertThat(failures.get()).as("every client saw the server go").isGreaterThanOrEqualTo(CLIENTS);

        // The CLI through the server: one clear line, exit 1.
        Result down = huddle().withEnv("HUDDLE_URL", url.toString()).withEnv("HUDDLE_TOKEN", tokens.getFirst())
                .run("lock", "after/kill.txt");
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(down.stderr()).isEqualTo("huddle: cannot reach huddle server at " + url
                + " (connection refused); start it with `huddle serve` or unset HUDDLE_URL\n");

        // Again on the same store and port: the dead server's lock died with it, its file is stale.
        Process second = serve(url.getHost() + ":" + url.getPort());
        assertThat(url(second)).isEqualTo(url);
        assertThat(Discovery.read(stateDir())).hasValueSatisfying(d -> assertThat(d.pid()).isEqualTo(second.pid()));
        Result up = huddle().withEnv("HUDDLE_URL", url.toString()).withEnv("HUDDLE_TOKEN", tokens.getFirst())
                .run("lock", "after/kill.txt");
        assertThat(up.exitCode()).as(up.toString()).isZero();

        int checked = verify(acked);
        System.out.printf("ServerKillIT: %d answered (%d writes checked in the store, the rest 409), %d client errors"
                + " (%d cut in flight), %.1f s%n", acked.size(), checked, failures.get(), cut.get(),
                (System.nanoTime() - startedAt) / 1e9);
    }

    /** One client: lock a fresh file, contend for a shared one, send, create a task; until the server goes. */
    private void load(URI url, String token, int client, Random random, List<Acked> acked, AtomicInteger failures,
                      AtomicInteger cut) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            int errors = 0;
            for (int n = 0; errors < 3; n++) {
                String key = "c" + client + "-" + n;
                int op = random.nextInt(4);
                String kind = switch (op) {
                    case 0 -> "lock";
                    case 1 -> "hot";
                    case 2 -> "send";
                    default -> "task";
                };
                String path = switch (op) {
                    case 0, 1 -> "/api/v1/leases/lock";
                    case 2 -> "/api/v1/messages/send";
                    default -> "/api/v1/tasks/create";
                };
                String body = switch (op) {
                    case 0 -> "{\"request\":{\"resources\":[\"load/" + key + ".txt\"],\"mode\":\"EXCLUSIVE\"}}";
                    case 1 -> "{\"request\":{\"resources\":[\"load/hot.txt\"],\"mode\":\"EXCLUSIVE\"}}";
                    case 2 -> "{\"request\":{\"to\":[\"agent" + ((client + 1) % CLIENTS) + "\"],\"body\":\"" + key
                            + "\",\"importance\":\"NORMAL\",\"ackRequired\":false}}";
                    default -> "{\"request\":{\"title\":\"" + key + "\",\"files\":[],\"labels\":[],\"blockedBy\":[]}}";
                };
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(WAIT)
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isIn(200, 409);
                    acked.add(new Acked(kind, key, r.statusCode(), MiniJson.readObject(r.body())));
                } catch (java.net.ConnectException refused) {
                    errors++;
                    failures.incrementAndGet();
                } catch (IOException e) {
                    // Sent, then the connection died: a request in flight when the server was killed.
                    errors++;
                    failures.incrementAndGet();
                    cut.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every answered write is in the store, whole; nothing in the store is half-written. Returns how many were checked. */
    @SuppressWarnings("unchecked")
    private int verify(List<Acked> acked) throws SQLException {
        int checked = 0;
        try (Connection db = store.isPostgres() ? PostgresDatabases.connect(store.database().url())
                : DriverManager.getConnection("jdbc:sqlite:" + store.db())) {
            if (!store.isPostgres()) {
                assertThat(one(db, "PRAGMA integrity_check")).isEqualTo("ok");
            }
            String hotHolder = one(db, "SELECT holder FROM leases WHERE resource = 'load/hot.txt' AND released_at IS NULL");
            for (Acked a : acked) {
                switch (a.kind()) {
                    case "lock", "hot" -> {
                        if (a.status() == 409) {
                            assertThat(a.body()).containsKey("result").containsKey("error");
                            continue;
                        }
                        Map<String, Object> lease = ((List<Map<String, Object>>) a.body().get("granted")).isEmpty()
                                ? ((List<Map<String, Object>>) a.body().get("renewed")).getFirst()
                                : ((List<Map<String, Object>>) a.body().get("granted")).getFirst();
                        String holder = one(db, "SELECT holder FROM leases WHERE token = ?", lease.get("token"));
                        assertThat(holder).as("the lease of answered %s", a).isEqualTo(lease.get("holder"));
                        if (a.kind().equals("hot")) {
                            assertThat(holder).as("one holder of the contended file").isEqualTo(hotHolder);
                        }
                    }
                    case "send" -> {
                        Map<String, Object> sent = (Map<String, Object>) a.body().get("sent");
                        assertThat(one(db, "SELECT body FROM messages WHERE id = ?", sent.get("id"))).as("%s", a).isEqualTo(a.key());
                    }
                    default -> assertThat(one(db, "SELECT title FROM tasks WHERE id = ?", a.body().get("id"))).as("%s", a)
                            .isEqualTo(a.key());
                }
                checked++;
            }
            assertThat(count(db, """
                    SELECT count(*) FROM leases l WHERE NOT EXISTS (SELECT 1 FROM events e
                    WHERE e.kind = 'lease.grant' AND %s = l.token)""".formatted(dataNumber("token")))).as("leases without their grant").isZero();
            assertThat(count(db, """
                    SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.id)
                    OR NOT EXISTS (SELECT 1 FROM events e WHERE e.kind = 'message.send' AND %s = m.id)"""
                    .formatted(dataNumber("id"))))
                    .as("messages without their deliveries or send event").isZero();
            assertThat(count(db, """
                    SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM events e
                    WHERE e.kind = 'task.create' AND e.task = t.id)""")).as("tasks without their create event").isZero();
        }
        return checked;
    }

    private static String one(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int k = 0; k < args.length; k++) {
                s.setObject(k + 1, args[k]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Process serve(String bind) {
        Process p = huddle().start("serve", "--bind", bind);
        servers.add(p);
        return p;
    }

    /** The URL line serve prints first; stderr is drained so the server never blocks on it. */
    private static URI url(Process p) throws Exception {
        CompletableFuture.runAsync(() -> drain(p), READERS);
        String first = HuddleProcess.firstLine(p, WAIT);
        assertThat(first).as("serve's URL line").isNotNull().startsWith("http://");
        return URI.create(first.strip());
    }

    private static void drain(Process p) {
        try (var err = p.getErrorStream()) {
            err.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignore) {
            // The process ended: nothing more to drain.
        }
    }
}
