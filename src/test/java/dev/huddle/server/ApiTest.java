package dev.huddle.server;

import static dev.huddle.server.ApiServer.error;
import static dev.huddle.server.ApiServer.json;
import static dev.huddle.server.ApiServer.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.api.Operation;
import dev.huddle.api.Operations;
import dev.huddle.app.task.NewTask;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.event.EventKind;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over a real socket and a real SQLite store: auth, caller binding, use cases, errors. */
class ApiTest {

    static final String LOCK = "/api/v1/leases/lock";
    static final String LOCK_A = "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}";

    @TempDir
    Path root;
    ApiServer s;
    String alice;
    String bob;

    @BeforeEach
    void start() {
        s = new ApiServer(root);
        alice = s.agentToken("alice");
        bob = s.agentToken("bob");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private List<Event> events(String kind) {
        return s.local.events().log(new EventFilter(Optional.empty(), Optional.of(kind), Optional.empty(), Optional.empty(), 0, 100));
    }

    @Nested
    class Authentication {

        @Test
        void noToken_is401_withWwwAuthenticate() throws Exception {
            HttpResponse<String> r = s.post(null, LOCK, LOCK_A);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(error(r)).containsEntry("code", "unauthorized");
            assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
        }

        @Test
        void malformedHeaders_are401() throws Exception {
            for (String header : List.of("Basic " + alice, "Bearer ", "Bearer", alice)) {
                HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri(LOCK)).header("Authorization", header)
                        .POST(HttpRequest.BodyPublishers.ofString(LOCK_A)));
                assertThat(r.statusCode()).as(header).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).as(header).isPresent();
                // Refused before its body was read: the connection closes, and the answer says so.
                assertThat(r.headers().firstValue("Connection")).as(header).hasValue("close");
            }
        }

        @Test
        void malformedUnknownRevokedExpiredTokens_are401_alike_andAudited() throws Exception {
            String revoked = s.agentToken("carol");
            String carolId = s.local.tokens().list().stream().filter(t -> t.agent().value().equals("carol")).findFirst().orElseThrow().id();
            s.local.tokens().revoke(carolId);
            s.agentToken("dave");
            String expiring = s.local.tokens().issue(AgentId.of("dave"), false, Optional.of(Duration.ofHours(1))).secret();
            assertThat(s.get(expiring, "/api/v1/agents/me").statusCode()).isEqualTo(200);
            s.clock.advance(Duration.ofHours(2));
            String unknown = "hdl_" + "A".repeat(43);
            Set<String> messages = new HashSet<>();
            for (String token : List.of("nope", unknown, revoked, expiring)) {
                HttpResponse<String> r = s.get(token, "/api/v1/agents/me");
                assertThat(r.statusCode()).as(token).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
                messages.add(error(r).get("message").toString());
            }
            assertThat(messages).as("the reason is the audit log's, not the caller's").hasSize(1);
            assertThat(events(EventKind.TOKEN_REFUSED)).extracting(e -> e.data().get("reason"))
                    .containsExactlyInAnyOrder("malformed", "unknown", "revoked", "expired");
        }

        @Test
        void aTokenRevokedWhileInUse_is401_onceTheServersSecondOfTrustIsOver() throws Exception {
            String erin = s.agentToken("erin");
            assertThat(s.get(erin, "/api/v1/agents/me").statusCode()).isEqualTo(200);
            String id = s.local.tokens().list().stream().filter(t -> t.agent().value().equals("erin")).findFirst()
                    .orElseThrow().id();
            s.local.tokens().revoke(id);
            s.clock.advance(RecentTokens.FRESH);
            assertThat(s.get(erin, "/api/v1/agents/me").statusCode()).isEqualTo(401);
        }

        @Test
        void healthNeedsNoToken_butTheDocumentDoes() throws Exception {
            assertThat(s.get(null, "/api/v1/health").statusCode()).isEqualTo(200);
            assertThat(s.get(null, ServeMain.OPENAPI_PATH).statusCode()).isEqualTo(401);
        }

        @Test
        void wrongHostOrOrigin_is403_evenWithAGoodToken() throws Exception {
            RawHttp raw = RawHttp.send(s.server.port(), "GET /api/v1/agents/me HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Authorization: Bearer " + alice + "\r\n");
            assertThat(raw.status()).isEqualTo(403);
            HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri("/api/v1/agents/me")).header("Authorization", "Bearer " + alice)
                    .header("Origin", "http://evil.example").GET());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(error(r)).containsEntry("code", "forbidden");
        }
    }

    @Nested
    class Rights {

        @Test
        void operatorOnly_isForbiddenToAgents_allowedToOperators_andAudited() throws Exception {
            HttpResponse<String> denied = s.post(alice, "/api/v1/gc", "");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(error(denied).get("message").toString()).contains("gc").contains("operator");
            assertThat(events(EventKind.OPERATOR_ACTION)).isEmpty();

            String ops = s.operatorToken("ops");
            HttpResponse<String> done = s.post(ops, "/api/v1/gc", "");
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(events(EventKind.OPERATOR_ACTION)).singleElement().satisfies(e -> {
                assertThat(e.data()).containsEntry("operation", "gc").containsEntry("for", "ops");
                assertThat(e.data().get("token").toString()).hasSize(16);
            });
        }

        @Test
        void aCallerInTheBodyThatIsNotTheToken_is403_andNothingHappens() throws Exception {
            String asBob = "{\"request\":{\"caller\":\"bob\",\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}";
            HttpResponse<String> r = s.post(alice, LOCK, asBob);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(error(r).get("message").toString()).contains("bob").contains("alice");
            assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
            // Naming oneself is fine; a GET's caller in the query is bound the same way.
            String asAlice = "{\"request\":{\"caller\":\"alice\",\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}";
            assertThat(s.post(alice, LOCK, asAlice).statusCode()).isEqualTo(200);
            assertThat(s.get(alice, "/api/v1/leases/check?caller=bob&paths=src/a.py").statusCode()).isEqualTo(403);
        }

        @Test
        void forcedUnlock_isAnOperatorsAction() throws Exception {
            assertThat(s.post(bob, LOCK, LOCK_A).statusCode()).isEqualTo(200);
            String force = "{\"request\":{\"resources\":[\"src/a.py\"],\"force\":true,\"reason\":\"stuck\"}}";
            HttpResponse<String> r = s.post(alice, "/api/v1/leases/unlock", force);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(s.local.leases().locks(false, Optional.empty())).singleElement()
                    .satisfies(l -> assertThat(l.lease().holder().value()).isEqualTo("bob"));

            s.agentToken("ops");
            String ops = s.operatorToken("ops");
            HttpResponse<String> forced = s.post(ops, "/api/v1/leases/unlock", force);
            assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
            assertThat(object(forced)).containsEntry("type", "Done");
            assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
            assertThat(events(EventKind.OPERATOR_ACTION)).singleElement()
                    .satisfies(e -> assertThat(e.data()).containsEntry("operation", "unlock"));

            // The holder reads in its own inbox, through the API, who released what, why, and what to do.
            @SuppressWarnings("unchecked")
            List<Map<String, Map<String, Object>>> inbox = (List<Map<String, Map<String, Object>>>) json(
                    s.get(bob, "/api/v1/messages/inbox?includeRead=false"));
            assertThat(inbox).singleElement().satisfies(e -> {
                assertThat(e.get("message")).containsEntry("subject", "lease on src/a.py force-released")
                        .containsEntry("recipients", List.of("bob"));
                assertThat(e.get("message").get("body").toString()).contains("ops force-released your lease on src/a.py")
                        .contains("fencing token 1").contains("stuck").contains("lock it again");
            });
        }

        @Test
        void aReasonWithAControlCharacter_is400_fromTheUseCase_andNothingHappens() throws Exception {
            String lock = "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\",\"reason\":\"a\\u001b[2Jb\"}}";
            HttpResponse<String> r = s.post(alice, LOCK, lock);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(error(r)).containsEntry("code", "bad_input").containsEntry("message",
                    "option --reason contains a control character (ESC at position 2): give one line of printable text");
            assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
        }

        @Test
        void theLocalCredential_isTheLocalOperator_actingAsTheAgentItNames() throws Exception {
            String local = s.api.credential();
            assertThat(s.post(local, "/api/v1/gc", "").statusCode()).isEqualTo(200);
            String asBob = "{\"request\":{\"caller\":\"bob\",\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}";
            HttpResponse<String> r = s.post(local, LOCK, asBob);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(s.local.leases().locks(false, Optional.empty())).singleElement()
                    .satisfies(l -> assertThat(l.lease().holder().value()).isEqualTo("bob"));
            assertThat(events(EventKind.OPERATOR_ACTION)).singleElement()
                    .satisfies(e -> assertThat(e.data()).containsEntry("token", "local").doesNotContainKey("for"));
        }
    }

    @Nested
    class UseCases {

        @Test
        void lockGranted_thenDeniedToAnother_namingTheHolder() throws Exception {
            HttpResponse<String> granted = s.post(alice, LOCK, LOCK_A);
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            assertThat(object(granted)).containsEntry("type", "Granted");

            HttpResponse<String> denied = s.post(bob, LOCK, LOCK_A);
            assertThat(denied.statusCode()).as(denied.body()).isEqualTo(409);
            Map<String, Object> error = error(denied);
            assertThat(error).containsEntry("code", "denied");
            assertThat(error.get("message").toString()).startsWith("denied; nothing was locked: src/a.py: held by alice"
                    + " (exclusive lease on src/a.py until ").contains("left, token 1)");
            assertThat(error.get("hint").toString()).contains("huddle lock RESOURCE --wait").contains("ask alice");
            @SuppressWarnings("unchecked")
            Map<String, Object> outcome = (Map<String, Object>) object(denied).get("result");
            assertThat(outcome).containsEntry("type", "Denied");
            @SuppressWarnings("unchecked")
            Map<String, Object> conflict = ((List<Map<String, Object>>) outcome.get("conflicts")).getFirst();
            @SuppressWarnings("unchecked")
            Map<String, Object> heldBy = (Map<String, Object>) conflict.get("heldBy");
            assertThat(heldBy).containsEntry("holder", "alice").containsKey("token").containsKey("expiresAt");

            HttpResponse<String> check = s.get(bob, "/api/v1/leases/check?paths=src/a.py");
            assertThat(check.statusCode()).isEqualTo(200);
            assertThat(blockers(check)).singleElement().satisfies(b -> assertThat(b.get("heldBy")).isInstanceOfSatisfying(Map.class,
                    held -> assertThat(held.get("holder")).isEqualTo("alice")));
            assertThat(blockers(s.get(alice, "/api/v1/leases/check?paths=src/a.py"))).as("the caller is alice, from the token").isEmpty();
        }

        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> blockers(HttpResponse<String> check) {
            return (List<Map<String, Object>>) ((List<Map<String, Object>>) json(check)).getFirst().get("blockers");
        }

        @Test
        void send_thenTheRecipientsInbox() throws Exception {
            HttpResponse<String> sent = s.post(alice, "/api/v1/messages/send",
                    "{\"request\":{\"to\":[\"bob\"],\"body\":\"hi bob\",\"importance\":\"NORMAL\",\"ackRequired\":false}}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            HttpResponse<String> inbox = s.get(bob, "/api/v1/messages/inbox?includeRead=false");
            assertThat(inbox.statusCode()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            List<Map<String, Map<String, Object>>> envelopes = (List<Map<String, Map<String, Object>>>) json(inbox);
            assertThat(envelopes).singleElement().satisfies(e -> assertThat(e.get("message"))
                    .containsEntry("sender", "alice").containsEntry("body", "hi bob"));
            assertThat((List<?>) json(s.get(alice, "/api/v1/messages/inbox?includeRead=false"))).isEmpty();
        }

        @Test
        void claimRace_betweenTwoTokens_oneWinsEachTask() throws Exception {
            long seed = System.nanoTime();
            System.out.println("ApiTest.claimRace seed=" + seed);
            Random random = new Random(seed);
            AgentId creator = AgentId.of("alice");
            List<String> tasks = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                tasks.add(s.local.tasks().create(new NewTask(creator, "task " + k, Optional.empty(), Optional.empty(),
                        Optional.empty(), List.of(), List.of(), Optional.empty(), List.of())).id().text());
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (String task : tasks) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                    for (String token : List.of(alice, bob)) {
                        long delayMicros = random.nextInt(500);
                        answers.add(pool.submit(() -> {
                            go.await();
                            TimeUnit.MICROSECONDS.sleep(delayMicros);
                            return s.post(token, "/api/v1/tasks/claim", "{\"task\":\"" + task + "\",\"reserve\":false}");
                        }));
                    }
                    go.countDown();
                    List<String> types = new ArrayList<>();
                    for (Future<HttpResponse<String>> f : answers) {
                        HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                        // The loser's Held is a refusal: 409, the result beside the error.
                        if (r.statusCode() == 409) {
                            assertThat(error(r)).as(r.body()).containsEntry("code", "denied");
                            types.add(((Map<?, ?>) object(r).get("result")).get("type").toString());
                        } else {
                            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                            types.add(object(r).get("type").toString());
                        }
                    }
                    assertThat(types).as(task + " seed " + seed).containsExactlyInAnyOrder("Claimed", "Held");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Waiting {

        /** A lock --wait holds its connection while it waits: with one connection for quick calls, they still answer. */
        @Test
        void aWaitingLock_doesNotHoldUpQuickCalls_andIsGrantedOnRelease() throws Exception {
            s.close();
            s = new ApiServer(root, ServerConfig.at(new Bind("127.0.0.1", 0)), 1);
            assertThat(s.post(alice, LOCK, LOCK_A).statusCode()).isEqualTo(200);
            String wait = "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\",\"waitFor\":\"PT10M\"}}";
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                Future<HttpResponse<String>> waiting = one.submit(() -> s.post(bob, LOCK, wait));
                // Bob is in line once the store shows his place; meanwhile quick calls are answered.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String carol = s.agentToken("carol");
                HttpResponse<String> denied;
                do {
                    denied = s.post(carol, LOCK, LOCK_A);
                    assertThat(denied.statusCode()).as(denied.body()).isEqualTo(409);
                } while (!denied.body().contains("\"queuedAhead\":[{") && System.nanoTime() < deadline);
                assertThat(denied.body()).as("carol sees bob queued ahead").contains("\"queuedAhead\":[{");
                assertThat(waiting.isDone()).isFalse();
                assertThat(s.get(alice, "/api/v1/leases/check?paths=src/a.py").statusCode()).isEqualTo(200);
                assertThat(s.post(alice, "/api/v1/leases/unlock", "{\"request\":{\"resources\":[\"src/a.py\"],\"force\":false}}")
                        .statusCode()).isEqualTo(200);
                HttpResponse<String> granted = waiting.get(60, TimeUnit.SECONDS);
                assertThat(object(granted)).as(granted.body()).containsEntry("type", "Granted");
            } finally {
                one.shutdownNow();
            }
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownPath_is404_inTheErrorShape() throws Exception {
            HttpResponse<String> r = s.get(alice, "/api/v1/no-such-thing");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(error(r)).containsKeys("code", "message", "hint").containsEntry("code", "not_found");
        }

        @Test
        void badInput_is400() throws Exception {
            for (String body : List.of("{not json", "[1]", "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"SIDEWAYS\"}}",
                    "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"},\"extra\":1}",
                    "{}", "{\"request\":{\"resources\":[\"src/a.py\"]}}")) {
                HttpResponse<String> r = s.post(alice, LOCK, body);
                assertThat(r.statusCode()).as(body).isEqualTo(400);
                assertThat(error(r)).as(body).containsEntry("code", "bad_input");
            }
            assertThat(s.get(alice, "/api/v1/leases/check?paths=a&nonsense=1").statusCode()).isEqualTo(400);
            // Invalid in the use case's own judgement (a resource outside the repository) is the same 400.
            HttpResponse<String> outside = s.post(alice, LOCK, "{\"request\":{\"resources\":[\"../../etc/passwd\"],\"mode\":\"EXCLUSIVE\"}}");
            assertThat(outside.statusCode()).as(outside.body()).isEqualTo(400);
            assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
        }

        @Test
        void aRehearsal_answersAsTheCall_andKeepsNothing_aBadRehearsalHeaderIs400() throws Exception {
            HttpResponse<String> dry = s.send(HttpRequest.newBuilder(s.uri(LOCK)).header("Authorization", "Bearer " + alice)
                    .header("Huddle-Dry-Run", "true").POST(HttpRequest.BodyPublishers.ofString(LOCK_A)));
            assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
            assertThat(dry.body()).contains("Granted");
            assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
            HttpResponse<String> bad = s.send(HttpRequest.newBuilder(s.uri(LOCK)).header("Authorization", "Bearer " + alice)
                    .header("Huddle-Dry-Run", "yes").POST(HttpRequest.BodyPublishers.ofString(LOCK_A)));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(error(bad)).containsEntry("code", "bad_input");
            assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
        }

        @Test
        void aTooLargeBody_is413() throws Exception {
            s.close();
            s = new ApiServer(root, ServerConfig.at(new Bind("127.0.0.1", 0)).withBodyLimit(1000));
            String big = "{\"request\":{\"to\":[\"bob\"],\"body\":\"" + "x".repeat(2000) + "\",\"importance\":\"NORMAL\"}}";
            HttpResponse<String> r = s.post(alice, "/api/v1/messages/send", big);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(error(r)).containsEntry("code", "too_large");
        }

        @Test
        void rateLimit_isPerToken_429WithRetryAfter() throws Exception {
            s.close();
            s = new ApiServer(root, ServerConfig.at(new Bind("127.0.0.1", 0)).withRate(1, 2));
            assertThat(s.get(alice, "/api/v1/agents/me").statusCode()).isEqualTo(200);
            assertThat(s.get(alice, "/api/v1/agents/me").statusCode()).isEqualTo(200);
            HttpResponse<String> limited = s.get(alice, "/api/v1/agents/me");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(error(limited)).containsEntry("code", "rate_limited");
            // Same address, another token: its own bucket.
            assertThat(s.get(bob, "/api/v1/agents/me").statusCode()).isEqualTo(200);
            s.clock.advance(Duration.ofSeconds(1));
            assertThat(s.get(alice, "/api/v1/agents/me").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Document {

        /** Every route is documented, every documented path is routed with the same verbs; the streams too (server-sent events). */
        @Test
        void theOpenApiDocument_matchesTheRealRoutes() throws Exception {
            HttpResponse<String> r = s.get(alice, ServeMain.OPENAPI_PATH);
            assertThat(r.statusCode()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) object(r).get("paths");
            Set<String> documented = new TreeSet<>();
            paths.forEach((path, item) -> item.keySet().forEach(verb -> documented.add(verb.toUpperCase() + " " + path)));
            Set<String> routed = new TreeSet<>();
            s.api.routes().all().forEach(route -> routed.add(route.method() + " " + route.path()));
            Set<String> streams = new TreeSet<>();
            for (Operation op : Operations.ALL) {
                if (op.isStream()) {
                    streams.add(op.verb() + " " + op.fullPath());
                }
            }
            assertThat(streams).containsExactlyInAnyOrder("GET /api/v1/events", "GET /api/v1/messages/watch");
            assertThat(routed).as("the streams are routed").containsAll(streams);
            Set<String> notRouted = new TreeSet<>(documented);
            notRouted.removeAll(routed);
            assertThat(notRouted).as("documented but not routed").isEmpty();
            Set<String> undocumented = new TreeSet<>(routed);
            undocumented.removeAll(documented);
            assertThat(undocumented).as("routed but not documented").isEmpty();
            assertThat(routed).hasSize(Operations.ALL.size() + 3
                    + dev.huddle.hook.Programs.all().size() * dev.huddle.hook.Programs.handled().size());
        }

        /** 409 is documented where a use case can refuse (its outcome has a Refusal variant), with the error and the result. */
        @Test
        @SuppressWarnings("unchecked")
        void theOpenApiDocument_documents409_whereAUseCaseCanRefuse() throws Exception {
            Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>)
                    object(s.get(alice, ServeMain.OPENAPI_PATH)).get("paths");
            Set<String> refusing = new TreeSet<>();
            paths.values().forEach(item -> item.values().forEach(op -> {
                Map<String, Object> responses = (Map<String, Object>) op.get("responses");
                if (responses != null && responses.containsKey("409")) {
                    refusing.add(op.get("operationId").toString());
                    Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                            ((Map<String, Object>) responses.get("409")).get("content")).get("application/json")).get("schema");
                    assertThat(schema.get("required")).as(op.get("operationId").toString()).isEqualTo(List.of("error", "result"));
                }
            }));
            assertThat(refusing).contains("lock", "unlock", "renew", "claim", "claimNext", "done", "writeSummary")
                    .doesNotContain("send", "inbox", "check", "locks", "status", "register", "frontier");
        }
    }
}
