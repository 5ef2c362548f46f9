package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /mcp} on a real {@code huddle serve}, spoken to over Streamable HTTP with raw JSON-RPC:
 * a 401 MCP clients understand, identity from the token only, a refusal naming the holder, and 50
 * concurrent sessions. Prints tool-call latency over HTTP (not asserted).
 */
class McpHttpIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Process server;
    private URI mcp;
    private final StringBuffer serverErr = new StringBuffer();
    private Thread serverErrReader;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                server.destroyForcibly();
            }
        }
        http.close();
    }

    private HuddleProcess huddle() {
        return HuddleProcess.in(dir).withDb(dir.resolve("huddle.db"));
    }

    private String token(String agent) {
        assertThat(huddle().as(agent).run("register", agent).exitCode()).isZero();
        HuddleProcess.Result r = huddle().run("token", "issue", "--agent", agent);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }

    private void serve() throws Exception {
        server = huddle().start("serve", "--bind", "127.0.0.1:0");
        serverErrReader = Thread.ofVirtual().start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    serverErr.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the server ended
            }
        });
        String url = HuddleProcess.firstLine(server, WAIT);
        assertThat(url).startsWith("http://");
        mcp = URI.create(url).resolve("/mcp");
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

    @Test
    void fiftyConcurrentSessions_eachActAsTheirTokensAgent() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        List<String> tokens = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            tokens.add(token("agent" + k));
        }
        serve();
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            int n = k;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Session s = new Session(tokens.get(n % 5)).open();
                    Map<String, Object> r = s.call("reserve", "{\"paths\":[\"files/" + n + ".txt\"]}");
                    if (Boolean.FALSE.equals(r.get("isError")) && r.toString().contains("holder=agent" + n % 5)) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(n + ": " + r);
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(n + ": " + e);
                }
            }));
        }
        for (Thread t : threads) {
            assertThat(t.join(WAIT)).isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isEqualTo(50);
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
        assertThat(serverErrReader.join(WAIT)).isTrue();
        assertThat(serverErr.toString()).doesNotContain("failed", "Exception");
        stream.body().close();
    }

    /** Tool-call round trips over HTTP, printed as p50/p99 (DESIGN §7 figures; not asserted). */
    private static void latency(Session s) throws Exception {
        for (int k = 0; k < 50; k++) {
            s.call("check", "{\"paths\":[\"src/Other.java\"]}");
        }
        List<Long> micros = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            long t = System.nanoTime();
            s.call("check", "{\"paths\":[\"src/Other.java\"]}");
            micros.add((System.nanoTime() - t) / 1_000);
        }
        Collections.sort(micros);
        System.out.printf("tools/call check over HTTP: p50 %.2f ms, p99 %.2f ms (300 calls after 50 warm-up)%n",
                micros.get(150) / 1e3, micros.get(297) / 1e3);
    }
}
