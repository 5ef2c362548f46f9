package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.json.MiniJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams as server-sent events over a real socket and a real store: resumption after dropped
 * connections (nothing lost, nothing twice), what an agent's stream shows, deliveries recorded,
 * a Last-Event-ID beyond the end, and the waiting coordinator given back when the client leaves.
 */
class EventStreamTest {

    static final String EVENTS = "/api/v1/events";
    static final String INBOX = "/api/v1/messages/watch";
    static final String SEND = "/api/v1/messages/send";
    static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path root;
    ApiServer s;
    String alice;
    String bob;
    String carol;
    String ops;

    @BeforeEach
    void setUp() {
        s = new ApiServer(root);
        alice = s.agentToken("alice");
        bob = s.agentToken("bob");
        carol = s.agentToken("carol");
        ops = s.operatorToken("ops");
    }

    @AfterEach
    void tearDown() {
        s.close();
    }

    long send(String token, String to, String body) throws Exception {
        HttpResponse<String> r = s.post(token, SEND, "{\"request\":{\"to\":[\"" + to + "\"],\"body\":\"" + body
                + "\",\"importance\":\"NORMAL\",\"ackRequired\":false}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ((Number) ((Map<?, ?>) ((Map<?, ?>) MiniJson.read(r.body())).get("sent")).get("id")).longValue();
    }

    SseClient open(String token, String pathAndQuery, String lastEventId) throws Exception {
        SseClient c = SseClient.open(s.client, s.uri(pathAndQuery), token, lastEventId);
        assertThat(c.status).isEqualTo(200);
        return c;
    }

    /** The next event with data (heartbeats and id-only blocks passed). */
    static SseClient.Item next(SseClient c) throws InterruptedException {
        SseClient.Item item = c.event(WITHIN);
        assertThat(item).as("an event within " + WITHIN).isNotNull().isNotSameAs(SseClient.END);
        assertThat(item.event()).as(item.data()).isNotEqualTo("error");
        return item;
    }

    static Map<?, ?> data(SseClient.Item item) {
        return (Map<?, ?>) MiniJson.read(item.data());
    }

    static long messageId(SseClient.Item item) {
        return ((Number) ((Map<?, ?>) data(item).get("message")).get("id")).longValue();
    }

    @Test
    void inboxStream_droppedAndResumedAtRandom_losesNothing_andSendsNothingTwice() throws Exception {
        long seed = System.nanoTime();
        System.out.println("EventStreamTest seed: " + seed);
        Random random = new Random(seed);
        List<Long> sent = new ArrayList<>();
        List<Long> received = new ArrayList<>();
        String lastId = null;
        for (int round = 0; round < 8; round++) {
            for (int k = random.nextInt(4); k > 0; k--) {
                sent.add(send(random.nextBoolean() ? alice : carol, "bob", "m" + sent.size()));
            }
            try (SseClient c = open(bob, INBOX, lastId)) {
                // The stream starts by saying where it resumes; then read some of what is there, and
                // drop the connection with the rest unread (or in flight).
                c.cursor(WITHIN);
                lastId = c.lastId;
                int take = Math.min(sent.size() - received.size(), random.nextInt(3));
                for (int k = 0; k < take; k++) {
                    SseClient.Item item = next(c);
                    assertThat(item.event()).isEqualTo("message");
                    received.add(messageId(item));
                    lastId = c.lastId;
                    assertThat(item.id()).isEqualTo(Long.toString(received.getLast()));
                }
                if (random.nextBoolean()) {
                    sent.add(send(alice, "bob", "while connected " + sent.size()));
                }
            }
        }
        try (SseClient c = open(bob, INBOX, lastId)) {
            while (received.size() < sent.size()) {
                SseClient.Item item = next(c);
                received.add(messageId(item));
            }
            assertThat(c.event(Duration.ofMillis(300))).as("nothing more").isNull();
        }
        assertThat(received).as("seed " + seed).containsExactlyElementsOf(sent);
    }

    @Test
    void eventStream_droppedAndResumedAtRandom_isTheLogInOrder_nothingLostNothingTwice() throws Exception {
        long seed = System.nanoTime();
        System.out.println("EventStreamTest seed: " + seed);
        Random random = new Random(seed);
        long start = s.local.events().lastSeq();
        List<Long> received = new ArrayList<>();
        String lastId = null;
        for (int round = 0; round < 8; round++) {
            for (int k = random.nextInt(4); k > 0; k--) {
                send(random.nextBoolean() ? alice : carol, random.nextBoolean() ? "bob" : "all", "e");
            }
            try (SseClient c = open(ops, EVENTS + "?afterSeq=" + start, lastId)) {
                c.cursor(WITHIN);
                lastId = c.lastId;
                int take = random.nextInt(4);
                for (int k = 0; k < take && start + received.size() < s.local.events().lastSeq(); k++) {
                    SseClient.Item item = next(c);
                    long seq = ((Number) data(item).get("seq")).longValue();
                    assertThat(item.id()).isEqualTo(Long.toString(seq));
                    received.add(seq);
                    lastId = c.lastId;
                }
            }
        }
        long end = s.local.events().lastSeq();
        try (SseClient c = open(ops, EVENTS + "?afterSeq=" + start, lastId)) {
            while (received.isEmpty() || received.getLast() < end) {
                received.add(((Number) data(next(c)).get("seq")).longValue());
            }
        }
        List<Long> log = s.local.events().log(new EventFilter(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), start, 10_000)).stream().map(Event::seq).sorted().toList();
        assertThat(received).as("seed " + seed).containsExactlyElementsOf(log);
    }

    @Test
    void anAgentSeesThePublicBoardAndItsOwnMessagesInFull_neverAnothersMessage_theOperatorSeesAll() throws Exception {
        long start = s.local.events().lastSeq();
        long toCarol = send(alice, "carol", "for carol only");
        long toBob = send(alice, "bob", "for bob");
        s.post(alice, "/api/v1/leases/lock", "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}");
        long end = s.local.events().lastSeq();
        List<SseClient.Item> bobs = new ArrayList<>();
        try (SseClient c = open(bob, EVENTS + "?afterSeq=" + start, null)) {
            do {
                bobs.add(next(c));
            } while (Long.parseLong(bobs.getLast().id()) < end);
        }
        assertThat(bobs).extracting(SseClient.Item::event).containsExactly("message.send", "lease.grant");
        Map<?, ?> shown = (Map<?, ?>) data(bobs.getFirst()).get("data");
        assertThat(shown.get("id")).isEqualTo(toBob);
        Map<?, ?> message = (Map<?, ?>) ((Map<?, ?>) shown.get("message")).get("message");
        assertThat(message.get("body")).isEqualTo("for bob");
        assertThat(MiniJson.write(bobs)).doesNotContain("for carol only");
        // Shown on the stream is delivered: no inbox wait, watch or hook pushes it again; carol's is untouched.
        assertThat(s.local.messages().awaitInbox(AgentId.of("bob"), 0, Duration.ZERO)).isEmpty();
        assertThat(s.local.messages().inbox(AgentId.of("bob"), false)).singleElement()
                .satisfies(e -> assertThat(e.delivery().deliveredAt()).isPresent());
        assertThat(s.local.messages().inbox(AgentId.of("carol"), false)).singleElement()
                .satisfies(e -> assertThat(e.delivery().deliveredAt()).isEmpty());
        // The operator sees both sends, bob's delivery, the grant.
        List<String> kinds = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        long now = s.local.events().lastSeq();
        try (SseClient c = open(ops, EVENTS + "?afterSeq=" + start, null)) {
            SseClient.Item item;
            do {
                item = next(c);
                kinds.add(item.event());
                ids.add(((Map<?, ?>) data(item).get("data")).get("id"));
            } while (Long.parseLong(item.id()) < now);
        }
        assertThat(kinds).containsExactly("message.send", "message.send", "lease.grant", "message.deliver");
        assertThat(ids.subList(0, 2)).containsExactly(toCarol, toBob);
        // Carol's stream: her message in full, never bob's; bob's delivery is bob's business.
        List<SseClient.Item> carols = new ArrayList<>();
        // Her stream records her delivery: the one event after what is there now.
        long carolsEnd = s.local.events().lastSeq() + 1;
        try (SseClient c = open(carol, EVENTS + "?afterSeq=" + start, null)) {
            do {
                carols.add(next(c));
            } while (Long.parseLong(carols.getLast().id()) < carolsEnd);
        }
        assertThat(carols).extracting(SseClient.Item::event).containsExactly("message.send", "lease.grant", "message.deliver");
        assertThat(messageOf(carols.getFirst())).isEqualTo("for carol only");
        assertThat(MiniJson.write(carols)).doesNotContain("for bob");
        assertThat(((Map<?, ?>) data(carols.getLast())).get("agent")).isEqualTo("carol");
    }

    private static Object messageOf(SseClient.Item item) {
        return ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) data(item).get("data")).get("message")).get("message")).get("body");
    }

    @Test
    void aMessageSeenOnTheInboxStream_isNotPushedAgain_andAStreamWhoseClientLeft_takesNoMore() throws Exception {
        long id = send(alice, "bob", "once");
        try (SseClient c = open(bob, INBOX, null)) {
            assertThat(messageId(next(c))).isEqualTo(id);
        }
        // The first stream's client left: what comes now is not written into its dead connection
        // (and recorded delivered to nobody), but waits for the next stream.
        long later = send(carol, "bob", "later");
        try (SseClient c = open(bob, INBOX, null)) {
            assertThat(messageId(next(c))).as("the next one, not the first again").isEqualTo(later);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.local.messages().inbox(AgentId.of("bob"), false).stream().anyMatch(e -> e.delivery().deliveredAt().isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        HttpResponse<String> waited = s.post(bob, "/api/v1/messages/inbox/wait", "{\"afterId\":0,\"wait\":\"PT1S\"}");
        assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
        assertThat(MiniJson.read(waited.body())).as("both delivered by the streams").isEqualTo(List.of());
    }

    @Test
    void aLastEventIdBeyondTheEnd_resumesAtTheEnd_soWhatComesNextArrives() throws Exception {
        long end = s.local.events().lastSeq();
        try (SseClient c = open(ops, EVENTS, Long.toString(end + 1_000))) {
            send(alice, "bob", "after");
            SseClient.Item item = next(c);
            assertThat(item.id()).isEqualTo(Long.toString(end + 1));
            assertThat(item.event()).isEqualTo("message.send");
        }
        HttpResponse<String> bad = s.send(java.net.http.HttpRequest.newBuilder(s.uri(EVENTS)).GET()
                .header("Authorization", "Bearer " + ops).header("Last-Event-ID", "soon"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiServer.error(bad)).containsEntry("code", "bad_input");
    }

    @Test
    void anInboxWaitThroughTheServer_endsAtTheSend() throws Exception {
        var waiting = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var answer = waiting.submit(() -> s.post(bob, "/api/v1/messages/inbox/wait", "{\"afterId\":0,\"wait\":\"PT10M\"}"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (s.api.waiting().inUse() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(answer.isDone()).isFalse();
            long id = send(alice, "bob", "wake up");
            HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("wake up").contains("\"id\":" + id);
        } finally {
            waiting.shutdownNow();
        }
    }

    @Test
    void aStreamWhoseClientLeft_givesItsCoordinatorBack_andAnUnknownAgentIsAPlainError() throws Exception {
        SseClient c = open(bob, INBOX, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.api.waiting().inUse() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(s.api.waiting().inUse()).isEqualTo(1);
        c.close();
        while (s.api.waiting().inUse() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(s.api.waiting().inUse()).as("given back once the heartbeat found the client gone").isZero();
        String ghost = s.operatorToken("ghost");
        HttpResponse<String> r = s.get(ghost, INBOX + "?caller=nobody");
        assertThat(r.statusCode()).isEqualTo(403);
        HttpResponse<String> local = s.send(java.net.http.HttpRequest.newBuilder(s.uri(INBOX + "?caller=nobody")).GET()
                .header("Authorization", "Bearer " + s.api.credential()));
        assertThat(local.statusCode()).as(local.body()).isBetween(400, 499);
        assertThat(local.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    @Test
    void aStoppingServer_endsItsStreams_andRefusesNewOnes() throws Exception {
        try (SseClient c = open(bob, INBOX, null)) {
            c.cursor(WITHIN);
            s.api.endStreams();
            assertThat(c.event(WITHIN)).as("the stream ends").isSameAs(SseClient.END);
        }
        HttpResponse<String> refused = s.get(bob, INBOX);
        assertThat(refused.statusCode()).isEqualTo(503);
    }
}
