package dev.huddle.server;

import static dev.huddle.server.TestServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.json.Json;
import dev.huddle.store.StoreException;
import dev.huddle.testing.MutableClock;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The HTTP plumbing over a real socket: every answer, refusal and limit as a client sees it. */
class HuddleServerTest {

    private static Routes routes() {
        Routes routes = new Routes();
        Health.register(routes, "1.2.3", "sqlite");
        routes.get("/api/v1/things/{id}", r -> Reply.ok(Map.of("id", r.param("id"), "q", r.query("q").orElse(""))));
        routes.post("/api/v1/echo", r -> Reply.ok(r.json()));
        routes.get("/api/v1/denied", r -> {
            throw new HuddleException(HuddleException.Kind.DENIED, "src/a.py is held by alice");
        });
        routes.get("/api/v1/bad", r -> {
            throw HuddleException.invalid("--ttl needs a duration");
        });
        routes.get("/api/v1/busy", r -> {
            throw new StoreException.Busy("the store stayed busy for 5000 ms over 12 attempts", null);
        });
        routes.get("/api/v1/bug", r -> {
            throw new IllegalStateException("secret internals");
        });
        return routes;
    }

    @Nested
    class Answers {

        TestServer server;

        @BeforeEach
        void start() {
            server = new TestServer(TestServer.loopback(), routes(), List.of());
        }

        @AfterEach
        void stop() {
            server.close();
        }

        @Test
        void health_needsNothing_andSaysStatusVersionAndStore() throws Exception {
            HttpResponse<String> r = server.get("/api/v1/health");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            Map<String, Object> body = Json.readObject(r.body());
            assertThat(body).containsEntry("status", "ok").containsEntry("version", "1.2.3").containsEntry("store", "sqlite");
            assertThat(((Number) body.get("pid")).longValue()).isEqualTo(ProcessHandle.current().pid());
        }

        @Test
        void route_getsItsDecodedPathParameterAndQuery() throws Exception {
            HttpResponse<String> r = server.get("/api/v1/things/T%2D1%20x?q=a%20b&q=c");
            assertThat(Json.readObject(r.body())).containsEntry("id", "T-1 x").containsEntry("q", "a b");
        }

        @Test
        void unknownPath_is404_inTheErrorShape() throws Exception {
            HttpResponse<String> r = server.get("/api/v1/nope");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(error(r.body())).containsEntry("code", "not_found").containsKeys("message", "hint");
        }

        @Test
        void wrongMethod_is405_withAllow() throws Exception {
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/health"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET");
            assertThat(error(r.body())).containsEntry("code", "method_not_allowed");
        }

        @Test
        void domainFailures_takeTheirStatusFromTheOneTable() throws Exception {
            assertThat(statusAndCode("/api/v1/denied")).isEqualTo("409 denied");
            assertThat(statusAndCode("/api/v1/bad")).isEqualTo("400 bad_input");
            assertThat(statusAndCode("/api/v1/busy")).isEqualTo("503 busy");
            HttpResponse<String> denied = server.get("/api/v1/denied");
            assertThat(error(denied.body())).containsEntry("message", "src/a.py is held by alice");
        }

        private String statusAndCode(String path) throws Exception {
            HttpResponse<String> r = server.get(path);
            return r.statusCode() + " " + error(r.body()).get("code");
        }

        @Test
        void anUnexpectedFailure_is500_withoutInternals_andLogged() throws Exception {
            HttpResponse<String> r = server.get("/api/v1/bug");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(error(r.body())).containsEntry("code", "internal");
            assertThat(r.body()).doesNotContain("secret internals");
            assertThat(server.log()).contains("secret internals");
        }

        @Test
        void malformedJsonBody_is400() throws Exception {
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString("{not json")));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(error(r.body())).containsEntry("code", "bad_input");
        }

        @Test
        void noCorsHeaders_andAPreflightIsRefused() throws Exception {
            HttpResponse<String> preflight = server.send(HttpRequest.newBuilder(server.uri("/api/v1/echo"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Access-Control-Request-Method", "POST"));
            assertThat(preflight.statusCode()).isEqualTo(405);
            HttpResponse<String> plain = server.get("/api/v1/health");
            for (HttpResponse<String> r : List.of(preflight, plain)) {
                assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            }
        }
    }

    @Nested
    class HostAndOrigin {

        TestServer server;

        @BeforeEach
        void start() {
            server = new TestServer(TestServer.loopback().withAllowedHosts(java.util.Set.of("huddle.example.com")), routes(),
                    List.of());
        }

        @AfterEach
        void stop() {
            server.close();
        }

        @Test
        void theServersOwnNames_areAnswered() throws Exception {
            int port = server.server.port();
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "huddle.example.com")) {
                assertThat(RawHttp.get(port, "/api/v1/health", host).status()).as(host).isEqualTo(200);
            }
        }

        @Test
        void anotherName_isRefused403_asDnsRebindingWouldSendIt() throws Exception {
            int port = server.server.port();
            for (String host : List.of("evil.example:" + port, "127.0.0.1.evil.example", "localhost.", "10.1.2.3")) {
                RawHttp r = RawHttp.get(port, "/api/v1/health", host);
                assertThat(r.status()).as(host).isEqualTo(403);
                assertThat(error(r.body())).containsEntry("code", "forbidden");
            }
        }

        @Test
        void aMissingHost_isRefused() throws Exception {
            // HTTP/1.0 may omit Host; HTTP/1.1 without one is refused by Jetty itself (400): either way not served.
            assertThat(RawHttp.send(server.server.port(), "GET /api/v1/health HTTP/1.0\r\n").status()).isEqualTo(403);
            RawHttp r = RawHttp.get(server.server.port(), "/api/v1/health", null);
            assertThat(r.status()).isIn(400, 403);
            assertThat(r.body()).contains("\"error\"");
        }

        @Test
        void aCrossOriginRequest_isRefused403() throws Exception {
            int port = server.server.port();
            for (String origin : List.of("http://evil.example", "http://localhost:3000", "null", "http://127.0.0.1",
                    "http://127.0.0.1:" + (port + 1))) {
                HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/health")).header("Origin", origin));
                assertThat(r.statusCode()).as(origin).isEqualTo(403);
                assertThat(error(r.body())).containsEntry("code", "forbidden");
            }
        }

        @Test
        void theSameOrigin_isAnswered() throws Exception {
            String origin = "http://127.0.0.1:" + server.server.port();
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/health")).header("Origin", origin));
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Limits {

        @Test
        void aBodyOverTheLimit_is413_whetherDeclaredOrChunked() throws Exception {
            try (TestServer server = new TestServer(TestServer.loopback().withBodyLimit(1000), routes(), List.of())) {
                String big = "{\"text\":\"" + "x".repeat(2000) + "\"}";
                HttpResponse<String> declared = server.send(HttpRequest.newBuilder(server.uri("/api/v1/echo"))
                        .POST(HttpRequest.BodyPublishers.ofString(big)));
                assertThat(declared.statusCode()).isEqualTo(413);
                assertThat(error(declared.body())).containsEntry("code", "too_large");
                HttpResponse<String> chunked = server.send(HttpRequest.newBuilder(server.uri("/api/v1/echo"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
                assertThat(chunked.statusCode()).isEqualTo(413);
                assertThat(error(chunked.body())).containsEntry("code", "too_large");
                HttpResponse<String> small = server.send(HttpRequest.newBuilder(server.uri("/api/v1/echo"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")));
                assertThat(small.statusCode()).isEqualTo(200);
                assertThat(Json.readObject(small.body())).containsEntry("text", "hi");
            }
        }

        @Test
        void spendingTheBurst_is429_withRetryAfter_andTimeRefillsIt() throws Exception {
            MutableClock clock = MutableClock.atNoon();
            ServerConfig config = TestServer.loopback().withRate(2, 3).withClock(clock);
            try (TestServer server = new TestServer(config, routes(), List.of())) {
                for (int i = 0; i < 3; i++) {
                    assertThat(server.get("/api/v1/health").statusCode()).isEqualTo(200);
                }
                HttpResponse<String> refused = server.get("/api/v1/health");
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(error(refused.body())).containsEntry("code", "rate_limited");
                clock.advance(Duration.ofMillis(500));
                assertThat(server.get("/api/v1/health").statusCode()).isEqualTo(200);
                assertThat(server.get("/api/v1/health").statusCode()).isEqualTo(429);
            }
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void close_letsARequestInFlightFinish_andRefusesNewConnections() throws Exception {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Routes routes = routes();
            routes.get("/api/v1/slow", r -> {
                entered.countDown();
                await(release);
                return Reply.ok(Map.of("done", true));
            });
            TestServer server = new TestServer(TestServer.loopback(), routes, List.of());
            java.net.URI health = server.uri("/api/v1/health");
            CompletableFuture<HttpResponse<String>> inFlight = server.client.sendAsync(
                    HttpRequest.newBuilder(server.uri("/api/v1/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server.server::close);
            // The server stops accepting before it waits for the request.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acceptsConnections(health.getPort()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(closing).isNotDone();
            release.countDown();
            assertThat(inFlight.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            closing.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> server.send(HttpRequest.newBuilder(health))).isInstanceOf(ConnectException.class);
            server.client.close();
        }

        /**
         * Jetty's graceful stop waits for every open connection, and closes an idle one only after its
         * shutdown idle timeout (a second): a client between two requests held every stop that long.
         */
        @Test
        void close_withAnIdleKeepAliveConnectionOpen_doesNotWaitForIt() throws Exception {
            TestServer server = new TestServer(TestServer.loopback(), routes(), List.of());
            java.net.URI health = server.uri("/api/v1/health");
            assertThat(server.send(HttpRequest.newBuilder(health)).statusCode()).isEqualTo(200); // the client keeps its connection

            long started = System.nanoTime();
            server.server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("close with an idle connection open (Jetty closes idle ones after 1 s)")
                    .isLessThan(Duration.ofMillis(900));
            assertThatThrownBy(() -> server.send(HttpRequest.newBuilder(health))).isInstanceOf(IOException.class);
            server.client.close();
        }

        @Test
        void aTakenPort_isPortInUse() {
            try (TestServer first = new TestServer(TestServer.loopback(), routes(), List.of())) {
                Bind same = new Bind("127.0.0.1", first.server.port());
                assertThatThrownBy(() -> HuddleServer.start(ServerConfig.at(same), routes(), List.of()))
                        .isInstanceOf(HuddleServer.PortInUse.class).hasMessageContaining("in use");
            }
        }

        @Test
        void aMountedAsyncServlet_sitsBehindTheSameFilters() throws Exception {
            HttpServlet async = new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                    AsyncContext context = request.startAsync();
                    Thread.ofVirtual().start(() -> {
                        try {
                            response.setContentType("text/plain");
                            response.getWriter().write("streamed");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        } finally {
                            context.complete();
                        }
                    });
                }
            };
            try (TestServer server = new TestServer(TestServer.loopback(), routes(), List.of(new ServletMount("/mcp/*", async)))) {
                HttpResponse<String> r = server.get("/mcp/stream");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("streamed");
                assertThat(RawHttp.get(server.server.port(), "/mcp/stream", "evil.example").status()).isEqualTo(403);
                assertThat(server.get("/api/v1/health").statusCode()).isEqualTo(200);
            }
        }
    }

    private static boolean acceptsConnections(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
