package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Coordinator;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.json.MiniJson;
import dev.huddle.remote.Discovery;
import dev.huddle.store.postgres.PostgresChangeFeed;
import dev.huddle.testing.PostgresDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Two {@code huddle serve}s of one PostgreSQL database, each with its own pool and listener, over
 * real sockets: what is written through one reaches the streams and long-polls of the other
 * promptly (observed latencies printed), agents split across both never hold one path at once
 * (a holder count outside Huddle and the log's grants and releases in commit order),
 * and a listener whose session the server ends listens again.
 */
class PostgresServersTest {

    static final String LOCK = "/api/v1/leases/lock";
    static final String UNLOCK = "/api/v1/leases/unlock";
    static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private PostgresDatabases databases;
    private Coordinator local;
    private PgServer a;
    private PgServer b;

    @BeforeEach
    void startTwo() {
        databases = PostgresDatabases.create();
        local = PgServer.local(root, databases.url());
        a = new PgServer(root, databases.url());
        b = new PgServer(root, databases.url());
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        local.close();
        databases.close();
    }

    @Test
    void twoServersOfOneDatabase_bothServe_theFirstPublishesDiscovery() throws Exception {
        assertThat(Discovery.readAnyway(root.resolve("state")).orElseThrow().url()).isEqualTo(a.running.url());
        assertThat(b.log()).contains("another huddle serve publishes");
        assertThat(b.get("/api/v1/health").body()).contains("\"store\":\"postgresql\"");
        assertThat(a.running.url()).isNotEqualTo(b.running.url());
        assertThat(Files.exists(root.resolve("state").resolve(Discovery.FILE))).isTrue();
    }

    @Test
    void anEventWrittenThroughA_reachesAnSseStreamOnB() throws Exception {
        String alice = token("alice");
        String bob = token("bob");
        try (SseClient stream = SseClient.open(b.client, b.uri("/api/v1/messages/watch"), bob, null)) {
            assertThat(stream.status).isEqualTo(200);
            stream.cursor(WITHIN);
            long sent = System.nanoTime();
            HttpResponse<String> r = a.post(alice, "/api/v1/messages/send",
                    "{\"request\":{\"to\":[\"bob\"],\"body\":\"hello\",\"importance\":\"NORMAL\",\"ackRequired\":false}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            SseClient.Item item = stream.event(WITHIN);
            long ms = (System.nanoTime() - sent) / 1_000_000;
            System.out.println("PostgresServersTest: send through A -> SSE on B in " + ms + " ms");
            assertThat(item).isNotNull().isNotSameAs(SseClient.END);
            assertThat(item.event()).as(item.data()).isEqualTo("message");
            assertThat(item.data()).contains("hello");
        }
    }

    @Test
    void aLockWaitOnB_isGrantedWhenTheHolderUnlocksThroughA() throws Exception {
        String alice = token("alice");
        String bob = token("bob");
        assertThat(a.post(alice, LOCK, lock("src/a.py", null)).body()).contains("\"type\":\"Granted\"");
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> waiting = one.submit(() -> b.post(bob, LOCK, lock("src/a.py", "PT1M")));
            awaitWaiters(1);
            long unlocked = System.nanoTime();
            assertThat(a.post(alice, UNLOCK, unlock("src/a.py")).body()).contains("\"type\":\"Done\"");
            HttpResponse<String> granted = waiting.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            long ms = (System.nanoTime() - unlocked) / 1_000_000;
            System.out.println("PostgresServersTest: unlock through A -> lock --wait granted on B in " + ms + " ms");
            assertThat(granted.body()).contains("\"type\":\"Granted\"");
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void anInboxWaitOnB_returnsTheMessageSentThroughA() throws Exception {
        String alice = token("alice");
        String bob = token("bob");
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> waiting = one.submit(() -> b.post(bob, "/api/v1/messages/inbox/wait",
                    "{\"afterId\":0,\"wait\":\"PT1M\"}"));
            // Whether B's wait began before the send is not observable from here (no row marks it); either
            // way the answer must come from B with the message written through A.
            long sent = System.nanoTime();
            a.post(alice, "/api/v1/messages/send",
                    "{\"request\":{\"to\":[\"bob\"],\"body\":\"hello\",\"importance\":\"NORMAL\",\"ackRequired\":false}}");
            HttpResponse<String> got = waiting.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            System.out.println("PostgresServersTest: send through A -> inbox --wait answered on B in "
                    + (System.nanoTime() - sent) / 1_000_000 + " ms");
            assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
            assertThat(got.body()).contains("hello");
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void eightAgentsSplitAcrossTwoServers_neverHoldOnePathAtOnce() throws Exception {
        long seed = System.nanoTime();
        System.out.println("PostgresServersTest seed: " + seed);
        Random random = new Random(seed);
        int agents = 8;
        int cycles = 50;
        List<String> tokens = new ArrayList<>();
        List<PgServer> via = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            tokens.add(token("agent" + i));
            via.add(i % 2 == 0 ? a : b);
        }
        java.util.Collections.shuffle(via, random);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger grants = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(agents);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                String token = tokens.get(i);
                PgServer server = via.get(i);
                long holdSeed = random.nextLong();
                done.add(threads.submit(() -> {
                    Random hold = new Random(holdSeed);
                    for (int c = 0; c < cycles; c++) {
                        HttpResponse<String> r = server.post(token, LOCK, lock("src/shared.py", "PT2M"));
                        if (!r.body().contains("\"type\":\"Granted\"")) {
                            failures.add(r.statusCode() + " " + r.body());
                            return null;
                        }
                        peak.accumulateAndGet(holders.incrementAndGet(), Math::max);
                        grants.incrementAndGet();
                        Thread.sleep(hold.nextInt(3)); // a holding time, so an overlap would have room to show
                        holders.decrementAndGet();
                        HttpResponse<String> u = server.post(token, UNLOCK, unlock("src/shared.py"));
                        if (!u.body().contains("\"type\":\"Done\"")) {
                            failures.add(u.statusCode() + " " + u.body());
                            return null;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(grants.get()).isEqualTo(agents * cycles);
        assertThat(peak.get()).as("most holders at once, seed " + seed).isEqualTo(1);
        assertThat(leaseHistory("src/shared.py", agents * cycles)).as("the log's grants and releases, seed " + seed).isEmpty();
    }

    /**
     * The log's grants and releases of {@code path} in commit order, as it/LeaseHistory reads them:
     * each grant must find the path free and each release must end the live lease. Returns what is wrong.
     */
    private List<String> leaseHistory(String path, int grants) {
        List<String> wrong = new ArrayList<>();
        Object live = null;
        int granted = 0;
        for (Event e : local.events().log(EventFilter.after(0, 100_000))) {
            if (!e.path().equals(Optional.of(path))) {
                continue;
            }
            Object token = e.data().get("token");
            switch (e.kind()) {
                case "lease.grant" -> {
                    granted++;
                    if (live != null) {
                        wrong.add("#" + e.seq() + " granted token " + token + " while token " + live + " was live");
                    }
                    live = token;
                }
                case "lease.release" -> {
                    if (!token.equals(live)) {
                        wrong.add("#" + e.seq() + " released token " + token + " but the live one is " + live);
                    }
                    live = null;
                }
                default -> { } // waits: the line's order, not holding
            }
        }
        if (granted != grants) {
            wrong.add(granted + " grants logged, " + grants + " expected");
        }
        return wrong;
    }

    @Test
    void listenersEndedByTheDatabase_listenAgain_andStreamsOnBStillWake() throws Exception {
        String alice = token("alice");
        String bob = token("bob");
        List<Integer> before = listeners();
        assertThat(before).as("one listener per server").hasSize(2);
        assertThat(terminate(before)).isEqualTo(2);
        List<Integer> after = listeners();
        for (long deadline = System.nanoTime() + WITHIN.toNanos(); (after.size() < 2 || after.stream().anyMatch(before::contains))
                && System.nanoTime() < deadline; after = listeners()) {
            Thread.sleep(20); // polling PostgreSQL's view of the sessions: no event tells when a listener is back
        }
        assertThat(after).as("listening again, on new sessions").hasSize(2).doesNotContainAnyElementsOf(before);
        try (SseClient stream = SseClient.open(b.client, b.uri("/api/v1/messages/watch"), bob, null)) {
            stream.cursor(WITHIN);
            long sent = System.nanoTime();
            a.post(alice, "/api/v1/messages/send",
                    "{\"request\":{\"to\":[\"bob\"],\"body\":\"again\",\"importance\":\"NORMAL\",\"ackRequired\":false}}");
            SseClient.Item item = stream.event(WITHIN);
            System.out.println("PostgresServersTest: after the listeners were ended, send through A -> SSE on B in "
                    + (System.nanoTime() - sent) / 1_000_000 + " ms");
            assertThat(item).isNotNull().isNotSameAs(SseClient.END);
            assertThat(item.data()).contains("again");
        }
    }

    private String token(String id) {
        local.agents().register(AgentId.of(id), new AgentProfile(Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
        return local.tokens().issue(AgentId.of(id), false, Optional.empty()).secret();
    }

    private static String lock(String path, String waitFor) {
        return "{\"request\":{\"resources\":[\"" + path + "\"],\"mode\":\"EXCLUSIVE\""
                + (waitFor == null ? "" : ",\"waitFor\":\"" + waitFor + "\"") + "}}";
    }

    private static String unlock(String path) {
        return "{\"request\":{\"resources\":[\"" + path + "\"],\"force\":false}}";
    }

    /** Until {@code n} waiters are in line (the frontier_waiters rows a lock --wait keeps). */
    private void awaitWaiters(int n) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (count("SELECT count(*) FROM lease_waiters") >= n) {
                return;
            }
            Thread.sleep(5); // no event tells the test a waiter queued in another server
        }
        throw new AssertionError("no waiter in line within " + WITHIN);
    }

    private List<Integer> listeners() throws Exception {
        List<Integer> pids = new ArrayList<>();
        try (Connection c = PostgresDatabases.connect(databases.url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND application_name = '" + PostgresChangeFeed.APPLICATION + "'")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }

    private int terminate(List<Integer> pids) throws Exception {
        int ended = 0;
        try (Connection c = PostgresDatabases.connect(databases.url()); Statement s = c.createStatement()) {
            for (int pid : pids) {
                try (ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
                    rs.next();
                    ended += rs.getBoolean(1) ? 1 : 0;
                }
            }
        }
        return ended;
    }

    private long count(String sql) throws Exception {
        try (Connection c = PostgresDatabases.connect(databases.url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
