package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /mcp} on a real {@code huddle serve}, spoken to over Streamable HTTP with raw JSON-RPC:
 * a 401 MCP clients understand, identity from the token only, a refusal naming the holder, and 50
 * concurrent sessions. Prints tool-call latency over HTTP (not asserted). On each {@link Backend}.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class McpHttpIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    /** Closed after each test, after {@link #stop} (not when the store could not be created: a skipped test). */
    @AutoClose
    private ServedStore served;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Process server;
    private URI mcp;

    @AfterEach
    void stop() {
        http.close();
    }

    @BeforeEach
    void createStore() {
        served = ServedStore.named(backend, dir);
    }

    private HuddleProcess huddle() {
        return served.huddle();
    }

    private String token(String agent) {
        return served.token(agent);
    }

    private void serve() throws Exception {
        mcp = served.serve().resolve("/mcp");
        server = served.server();
    }

    /** One MCP session over HTTP: its token and the session id the server issued. */
    final class Session {
        final String token;
        String id;
        int next = 1;

        Session(String token) {
            this.token = token;
        }

        HttpResponse<String> post(String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (id != null) {
                b.header("Mcp-Session-Id", id);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        Map<String, Object> request(String method, String params) throws Exception {
            HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"id\":" + next++ + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            r.headers().firstValue("Mcp-Session-Id").ifPresent(s -> id = s);
            return message(r.body());
        }

        Session open() throws Exception {
            Map<String, Object> init = request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"McpHttpIT\",\"version\":\"1\"}}");
            assertThat(init).containsKey("result");
            assertThat(id).as("Mcp-Session-Id").isNotBlank();
            assertThat(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isBetween(200, 299);
            return this;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> call(String tool, String arguments) throws Exception {
            Map<String, Object> answer = request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
            assertThat(answer).as("%s: %s", tool, answer).containsKey("result");
            return (Map<String, Object>) answer.get("result");
        }
    }

    /** A 2026-07-28 client: no session; each request names its version in a header and in {@code _meta}. */
    final class Stateless {
        static final String VERSION = "2026-07-28";
        final String token;
        final String version;
        int next = 1;

        Stateless(String token) {
            this(token, VERSION);
        }

        Stateless(String token, String version) {
            this.token = token;
            this.version = version;
        }

        HttpResponse<String> post(String method, String name, String params) throws Exception {
            String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + version + "\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                    + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"McpHttpIT\",\"version\":\"1\"}}";
            String withMeta = params.equals("{}") ? "{" + meta + "}" : "{" + meta + "," + params.substring(1);
            HttpRequest.Builder b = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + token).header("MCP-Protocol-Version", version)
                    .header("Mcp-Method", method)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + next++ + ",\"method\":\""
                            + method + "\",\"params\":" + withMeta + "}"));
            if (name != null) {
                b.header("Mcp-Name", name);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        Map<String, Object> request(String method, String name, String params) throws Exception {
            HttpResponse<String> r = post(method, name, params);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Mcp-Session-Id")).as("no session in the stateless revision").isEmpty();
            return message(r.body());
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> call(String tool, String arguments) throws Exception {
            Map<String, Object> answer = request("tools/call", tool, "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
            assertThat(answer).as("%s: %s", tool, answer).containsKey("result");
            return (Map<String, Object>) answer.get("result");
        }
    }

    /** The JSON-RPC answer in a JSON body or in the first {@code data:} line of an event stream. */
    static Map<String, Object> message(String body) {
        String json = body.strip();
        if (!json.startsWith("{")) {
            json = body.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).findFirst().orElse(body);
        }
        return Json.readObject(json);
    }

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> result) {
        return (String) ((List<Map<String, Object>>) result.get("content")).getFirst().get("text");
    }

    @Test
    void identityIsTheTokens_aRefusalNamesTheHolder_andNoTokenIs401WithWwwAuthenticate() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        String alice = token("alice");
        String bob = token("bob");
        serve();

        HttpResponse<String> anonymous = new Session(null).post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(new Session("hdl_not_a_token").post("{}").statusCode()).isEqualTo(401);

        Session a = new Session(alice).open();
        Session b = new Session(bob).open();
        Map<String, Object> impostor = a.call("start_session", "{\"agent\":\"bob\"}");
        assertThat(impostor.get("isError")).isEqualTo(true);
        assertThat(text(impostor)).contains("token names the agent (alice)");
        assertThat(text(a.call("start_session", "{}"))).contains("You are agent alice");
        assertThat(a.call("reserve", "{\"paths\":[\"src/Main.java\"]}").get("isError")).isEqualTo(false);

        Map<String, Object> refused = b.call("reserve", "{\"paths\":[\"src/Main.java\"]}");
        assertThat(refused.get("isError")).isEqualTo(true);
        assertThat(text(refused)).contains("src/Main.java: held by alice", "until", "next: ");
        assertThat(a.request("tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}")).containsKey("error");
        assertThat(b.call("reserve", "{\"paths\":7}").get("isError")).isEqualTo(true);

        latency(b);
    }

    /**
     * The 2026-07-28 revision on the same {@code /mcp}: {@code server/discover}, the same twelve
     * tools and the same answers without a session, identity from the token, an unknown version
     * refused with the supported ones; a 2025-11-25 session alongside is served as before.
     */
    @Test
    @SuppressWarnings("unchecked")
    void statelessRevision_discoverListAndCall_withoutSession_besideASessionClient() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        String alice = token("alice");
        String bob = token("bob");
        serve();
        Stateless a = new Stateless(alice);
        Session b = new Session(bob).open();

        Map<String, Object> discover = (Map<String, Object>) a.request("server/discover", null, "{}").get("result");
        assertThat((List<String>) discover.get("supportedVersions")).contains("2026-07-28");
        assertThat(discover.toString()).contains("tools", "huddle");
        List<Map<String, Object>> tools = (List<Map<String, Object>>) ((Map<String, Object>) a.request("tools/list", null, "{}")
                .get("result")).get("tools");
        Map<String, Object> legacyList = (Map<String, Object>) b.request("tools/list", "{}").get("result");
        assertThat(tools).extracting(t -> t.get("name")).containsExactlyElementsOf(
                ((List<Map<String, Object>>) legacyList.get("tools")).stream().map(t -> t.get("name")).toList()).hasSize(12);
        assertThat(Json.write(tools)).isEqualTo(Json.write(legacyList.get("tools")));

        assertThat(text(a.call("start_session", "{}"))).contains("You are agent alice");
        Map<String, Object> granted = a.call("reserve", "{\"paths\":[\"src/Main.java\"]}");
        assertThat(granted.get("isError")).isEqualTo(false);
        assertThat(granted.get("structuredContent").toString()).contains("holder=alice");
        Map<String, Object> refused = b.call("reserve", "{\"paths\":[\"src/Main.java\"]}");
        assertThat(text(refused)).contains("src/Main.java: held by alice", "next: ", "call send with to=[alice]");
        Map<String, Object> refusedStateless = new Stateless(bob).call("reserve", "{\"paths\":[\"src/Main.java\"]}");
        assertThat(refusedStateless.get("isError")).isEqualTo(true);
        assertThat(text(refusedStateless)).isEqualTo(text(refused));

        assertThat(a.call("start_session", "{\"agent\":\"bob\"}").get("isError")).isEqualTo(true);
        assertThat(a.call("reserve", "{\"paths\":7}").get("isError")).isEqualTo(true);
        HttpResponse<String> unknown = a.post("tools/call", "no_such_tool", "{\"name\":\"no_such_tool\",\"arguments\":{}}");
        assertThat(message(unknown.body())).containsKey("error");
        HttpResponse<String> future = new Stateless(alice, "2099-01-01").post("tools/list", null, "{}");
        assertThat(future.statusCode()).isEqualTo(400);
        Map<String, Object> error = (Map<String, Object>) message(future.body()).get("error");
        assertThat(((Number) error.get("code")).intValue()).isEqualTo(-32022);
        assertThat(error.get("data").toString()).contains("2026-07-28");
        HttpResponse<String> mismatch = http.send(HttpRequest.newBuilder(mcp).header("Authorization", "Bearer " + alice)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(((Number) ((Map<String, Object>) message(mismatch.body()).get("error")).get("code")).intValue()).isEqualTo(-32020);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(mcp).header("Authorization", "Bearer " + alice)
                .header("MCP-Protocol-Version", "2026-07-28").header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).as("no event stream without sessions").isEqualTo(405);
        assertThat(new Stateless("hdl_not_a_token").post("tools/list", null, "{}").statusCode()).isEqualTo(401);

        // The session client is unaffected by all of that.
        assertThat(b.call("check", "{\"paths\":[\"src/Main.java\"]}").toString()).contains("alice");
        latency(a);
    }

    /**
     * 50 clients at once over real sockets, half with sessions (2025-11-25), half stateless
     * (2026-07-28), ten agents: every call is answered, each with its own path and its own
     * token's agent (no answer reaches another client, no identity leaks between them).
     */
    @Test
    void fiftyConcurrentClients_bothRevisions_eachAnsweredAsTheirTokensAgent() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        List<String> tokens = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            tokens.add(token("agent" + k));
        }
        serve();
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            int n = k;
            String agent = "agent" + n % 10;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    String reserve = "{\"paths\":[\"files/" + n + ".txt\"]}";
                    Map<String, Object> me;
                    Map<String, Object> r;
                    if (n % 2 == 0) {
                        Session s = new Session(tokens.get(n % 10)).open();
                        me = s.call("start_session", "{}");
                        r = s.call("reserve", reserve);
                    } else {
                        Stateless s = new Stateless(tokens.get(n % 10));
                        me = s.call("start_session", "{}");
                        r = s.call("reserve", reserve);
                    }
                    String lease = String.valueOf(r.get("structuredContent"));
                    if (text(me).contains("You are agent " + agent + ".") && Boolean.FALSE.equals(r.get("isError"))
                            && lease.contains("holder=" + agent + ",") && lease.contains("files/" + n + ".txt")
                            && !lease.matches("(?s).*files/(?!" + n + "\\.txt).*")) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(n + ": " + text(me).lines().findFirst().orElse("") + " / " + r);
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(n + ": " + e);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            assertThat(t.join(WAIT)).isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isEqualTo(50);
        HuddleProcess.Result locks = huddle().run("locks", "--json");
        for (int n = 0; n < 50; n++) {
            assertThat(locks.stdout()).contains("files/" + n + ".txt");
        }
    }

    /**
     * Clients that go away mid-request, in both revisions: a body cut short, and a call whose
     * client closed its socket before the answer. The server stays up, logs no failure, the call
     * took effect whole or not at all, and the next client is served.
     */
    @Test
    void aClientClosingItsSocketMidRequest_leavesTheServerServingTheNext() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        String alice = token("alice");
        serve();
        Session a = new Session(alice).open();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"reserve\","
                + "\"arguments\":{\"paths\":[\"src/a.txt\",\"src/b.txt\"]}}}";
        String statelessCall = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}},"
                + "\"name\":\"reserve\",\"arguments\":{\"paths\":[\"src/c.txt\",\"src/d.txt\"]}}}";
        String session = "Mcp-Session-Id: " + a.id + "\r\nMCP-Protocol-Version: 2025-11-25\r\n";
        String modern = "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: reserve\r\n";

        cutShort(alice, session, call);
        cutShort(alice, modern, statelessCall);
        hangUpBeforeTheAnswer(alice, session, call);
        hangUpBeforeTheAnswer(alice, modern, statelessCall);

        assertThat(a.call("status", "{}").get("isError")).isEqualTo(false);
        assertThat(new Session(alice).open().call("check", "{\"paths\":[\"src/x.txt\"]}").get("isError")).isEqualTo(false);
        assertThat(new Stateless(alice).call("check", "{\"paths\":[\"src/x.txt\"]}").get("isError")).isEqualTo(false);
        String locks = huddle().run("locks", "--json").stdout();
        // All or nothing, in each revision.
        assertThat(locks.contains("src/a.txt")).isEqualTo(locks.contains("src/b.txt"));
        assertThat(locks.contains("src/c.txt")).isEqualTo(locks.contains("src/d.txt"));
        assertThat(server.isAlive()).isTrue();
        assertThat(served.serverErr()).doesNotContain("Exception", "failed");
    }

    /** Sends the headers and half the body it announced, then closes the socket. */
    private void cutShort(String token, String headers, String body) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(mcp.getHost(), mcp.getPort())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(request(token, headers, bytes.length).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(bytes, 0, bytes.length / 2);
            socket.getOutputStream().flush();
        }
    }

    /** Sends a whole call and closes the socket without reading the answer. */
    private void hangUpBeforeTheAnswer(String token, String headers, String body) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(mcp.getHost(), mcp.getPort())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(request(token, headers, bytes.length).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            socket.setSoLinger(true, 0);
        }
    }

    private String request(String token, String headers, int length) {
        return "POST /mcp HTTP/1.1\r\nHost: " + mcp.getHost() + ":" + mcp.getPort() + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n" + headers
                + "Content-Length: " + length + "\r\n\r\n";
    }

    /** An open event stream (GET /mcp) does not hold up SIGTERM: MCP closes before Jetty drains. */
    @Test
    void sigterm_withAnOpenEventStream_stopsCleanly() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        String alice = token("alice");
        serve();
        Session a = new Session(alice).open();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(mcp).header("Authorization", "Bearer " + alice)
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", a.id).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);

        server.destroy();

        assertThat(server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(served.serverErrEnded(WAIT)).isTrue();
        assertThat(served.serverErr()).doesNotContain("failed", "Exception");
        stream.body().close();
    }

    /** Tool-call round trips over HTTP, printed as p50/p99 (DESIGN §7 figures; not asserted). */
    private static void latency(Session s) throws Exception {
        latency("2025-11-25", () -> s.call("check", "{\"paths\":[\"src/Other.java\"]}"));
    }

    private static void latency(Stateless s) throws Exception {
        latency("2026-07-28", () -> s.call("check", "{\"paths\":[\"src/Other.java\"]}"));
    }

    private static void latency(String revision, java.util.concurrent.Callable<?> call) throws Exception {
        for (int k = 0; k < 50; k++) {
            call.call();
        }
        List<Long> micros = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            long t = System.nanoTime();
            call.call();
            micros.add((System.nanoTime() - t) / 1_000);
        }
        Collections.sort(micros);
        System.out.printf("tools/call check over HTTP (%s): p50 %.2f ms, p99 %.2f ms (300 calls after 50 warm-up)%n",
                revision, micros.get(150) / 1e3, micros.get(297) / 1e3);
    }
}
