package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code huddle mcp} as a process, driven with raw JSON-RPC lines on stdio as an MCP client sends
 * them: two sessions on one store, a refusal naming the holder, protocol errors that never end the
 * session, and a clean exit when the client closes stdin. Prints latency figures (not asserted).
 */
@ParameterizedClass
@EnumSource(Backend.class)
class McpStdioIT {

    @Parameter
    Backend backend;

    @TempDir
    Path repo;

    private Backend.Store store;

    @BeforeEach
    void createStore() {
        store = backend.create(repo);
    }

    @AfterEach
    void dropStore() {
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    /** One stdio session: writes requests, reads the answer with the same id. */
    static final class Client implements AutoCloseable {
        final Process process;
        final OutputStream in;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final StringBuffer err = new StringBuffer();
        int next = 1;

        Client(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
            Thread.ofVirtual().start(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true));
            Thread.ofVirtual().start(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false));
        }

        private void pump(BufferedReader reader, boolean out) {
            try (reader) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (out) {
                        lines.add(line);
                    } else {
                        err.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        void send(String json) throws IOException {
            in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        Map<String, Object> request(String method, String params) throws Exception {
            int id = next++;
            send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
            return answer(id);
        }

        Map<String, Object> answer(int id) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                Map<String, Object> message = Json.readObject(line);
                if (message.containsKey("id") && ((Number) message.get("id")).intValue() == id) {
                    return message;
                }
            }
            throw new AssertionError("no answer to request " + id + "; stderr: " + err);
        }

        Map<String, Object> initialize() throws Exception {
            Map<String, Object> answer = request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"McpStdioIT\",\"version\":\"1\"}}");
            send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            return answer;
        }

        /** {@code params} with the 2026-07-28 request metadata in {@code _meta}. */
        static String stateless(String params) {
            String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
            return params.equals("{}") ? "{" + meta + "}" : "{" + meta + "," + params.substring(1);
        }

        /** Starts the stateless revision: {@code server/discover}, as a 2026-07-28 client probes. */
        Map<String, Object> discover() throws Exception {
            statelessCalls = true;
            return request("server/discover", stateless("{}"));
        }

        boolean statelessCalls;

        @SuppressWarnings("unchecked")
        Map<String, Object> call(String tool, String arguments) throws Exception {
            String params = "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}";
            Map<String, Object> answer = request("tools/call", statelessCalls ? stateless(params) : params);
            assertThat(answer).as("%s %s: %s", tool, arguments, answer).containsKey("result");
            return (Map<String, Object>) answer.get("result");
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> result) {
        return (String) ((List<Map<String, Object>>) result.get("content")).getFirst().get("text");
    }

    HuddleProcess huddle() {
        return HuddleProcess.in(repo).withDb(store.db());
    }

    @Test
    void twoSessions_reserveAndRefuse_protocolErrorsKeepTheSession_andStdinClosedEndsIt() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        long started = System.nanoTime();
        try (Client alice = new Client(huddle().as("alice").open("mcp"));
             Client other = new Client(huddle().open("mcp"))) {
            Map<String, Object> init = alice.initialize();
            System.out.printf("huddle mcp: start to initialize answer %.0f ms%n", (System.nanoTime() - started) / 1e6);
            assertThat(init.toString()).contains("protocolVersion=2025-11-25", "name=huddle");
            other.initialize();

            Map<String, Object> list = alice.request("tools/list", "{}");
            String listJson = Json.write(list.get("result"));
            System.out.printf("tools/list over stdio: %d chars, ~%d tokens%n", listJson.length(), listJson.length() / 4);
            assertThat(listJson.length() / 4).isLessThanOrEqualTo(3_000);
            assertThat((List<?>) ((Map<?, ?>) list.get("result")).get("tools")).hasSize(12);

            assertThat(text(other.call("start_session", "{}"))).contains("You are agent mcp-1");
            assertThat(alice.call("reserve", "{\"paths\":[\"src/Main.java\"],\"reason\":\"refactor\"}").get("isError")).isEqualTo(false);
            Map<String, Object> refused = other.call("reserve", "{\"paths\":[\"src/Main.java\"]}");
            assertThat(refused.get("isError")).isEqualTo(true);
            assertThat(text(refused)).contains("src/Main.java: held by alice", "until", "next: ");

            Map<String, Object> unknown = alice.request("tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}");
            assertThat(unknown).containsKey("error");
            assertThat(alice.call("reserve", "{\"paths\":7}").get("isError")).isEqualTo(true);
            assertThat(alice.call("done", "{\"id\":\"not a task\"}").get("isError")).isEqualTo(true);
            alice.send("{this is not json");
            alice.send("{}");
            alice.send("[1,2]");
            assertThat(alice.request("ping", "{}")).containsKey("result");

            latency(alice);

            alice.in.close();
            assertThat(alice.process.waitFor(30, TimeUnit.SECONDS)).as("exits once stdin is closed; stderr: %s", alice.err).isTrue();
            assertThat(alice.process.exitValue()).isZero();
            assertThat(other.call("check", "{\"paths\":[\"src/Main.java\"]}").toString()).contains("alice");
        }
    }

    /**
     * A client that goes away in the middle of a call, in either revision: the process ends
     * cleanly, the store stays whole, the next client is served.
     */
    @Test
    void aClientDisconnectingMidCall_endsTheProcessCleanly() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        for (boolean stateless : new boolean[] {false, true}) {
            String a = stateless ? "src/c.txt" : "src/a.txt";
            String b = stateless ? "src/d.txt" : "src/b.txt";
            try (Client gone = new Client(huddle().as("alice").open("mcp"))) {
                String params = "{\"name\":\"reserve\",\"arguments\":{\"paths\":[\"" + a + "\",\"" + b + "\"]}}";
                if (stateless) {
                    gone.discover();
                    params = Client.stateless(params);
                } else {
                    gone.initialize();
                }
                gone.send("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":" + params + "}");
                gone.in.close();
                gone.process.getInputStream().close();
                assertThat(gone.process.waitFor(30, TimeUnit.SECONDS)).as("stderr: %s", gone.err).isTrue();
                assertThat(gone.err.toString()).doesNotContain("Exception in thread");
            }
            HuddleProcess.Result locks = huddle().run("locks", "--json");
            assertThat(locks.exitCode()).isZero();
            // All or nothing: both files leased, or neither.
            assertThat(locks.stdout().contains(a)).as(locks.stdout()).isEqualTo(locks.stdout().contains(b));
        }
        try (Client next = new Client(huddle().as("bob").open("mcp"))) {
            next.initialize();
            assertThat(next.call("status", "{}").get("isError")).isEqualTo(false);
        }
    }

    /**
     * The 2026-07-28 revision over stdio, chosen by the first message: {@code server/discover},
     * the twelve tools, calls without {@code initialize}, a refusal with the next tool call; an
     * {@code initialize} then is an error, not the end of the session; requests piped in are
     * answered before the process exits.
     */
    @Test
    @SuppressWarnings("unchecked")
    void statelessRevision_overStdio_fromDiscoverToCalls_andPipedRequestsAreAnswered() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        long started = System.nanoTime();
        try (Client modern = new Client(huddle().open("mcp"))) {
            Map<String, Object> discover = (Map<String, Object>) modern.discover().get("result");
            System.out.printf("huddle mcp: start to server/discover answer %.0f ms%n", (System.nanoTime() - started) / 1e6);
            assertThat((List<String>) discover.get("supportedVersions")).contains("2026-07-28");
            assertThat(discover.get("instructions").toString()).contains("start_session");
            try (Client alice = new Client(huddle().as("alice").open("mcp"))) {
                statelessCalls(modern, alice);
            }
        }

        byte[] piped = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":" + Client.stateless("{}") + "}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + Client.stateless("{\"name\":\"status\",\"arguments\":{}}") + "}\n").getBytes(StandardCharsets.UTF_8);
        HuddleProcess.Result once = huddle().as("bob").run(piped, "mcp");
        assertThat(once.exitCode()).as(once.stderr()).isZero();
        List<String> answers = once.stdout().lines().toList();
        assertThat(answers).hasSize(2);
        assertThat(answers).anySatisfy(l -> assertThat(l).contains("supportedVersions"));
        assertThat(answers).anySatisfy(l -> assertThat(l).contains("\"id\":2", "bob"));
    }

    /** A stateless client beside a session one: its calls, a refusal, and errors that leave it serving. */
    private static void statelessCalls(Client modern, Client alice) throws Exception {
        Map<String, Object> list = modern.request("tools/list", Client.stateless("{}"));
        assertThat((List<?>) ((Map<?, ?>) list.get("result")).get("tools")).hasSize(12);

        alice.initialize();
        assertThat(alice.call("reserve", "{\"paths\":[\"src/Main.java\"]}").get("isError")).isEqualTo(false);
        assertThat(text(modern.call("start_session", "{}"))).contains("You are agent mcp-1");
        Map<String, Object> refused = modern.call("reserve", "{\"paths\":[\"src/Main.java\"]}");
        assertThat(refused.get("isError")).isEqualTo(true);
        assertThat(text(refused)).contains("src/Main.java: held by alice", "next: ", "call send with to=[alice]");
        assertThat(modern.request("tools/call", Client.stateless("{\"name\":\"no_such_tool\",\"arguments\":{}}")))
                .containsKey("error");
        assertThat(modern.call("reserve", "{\"paths\":7}").get("isError")).isEqualTo(true);
        assertThat(modern.request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"late\",\"version\":\"1\"}}")).containsKey("error");
        assertThat(modern.call("check", "{\"paths\":[\"src/Main.java\"]}").toString()).contains("alice");
        latency(modern);
    }

    /**
     * Two {@code huddle mcp} processes of one parent with the same environment (the same agent
     * program session variable, no agent named), plus a third speaking the stateless revision,
     * all starting at once: while they live, no two act as the same agent (issue 9).
     */
    @Test
    void processesOfOneParent_withTheSameEnvironment_neverShareAnAgent() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        HuddleProcess same = huddle().withEnv("CLAUDE_CODE_SESSION_ID", "one-parent-session");
        try (Client one = new Client(same.open("mcp"));
             Client two = new Client(same.open("mcp"));
             Client three = new Client(same.open("mcp"))) {
            one.initialize();
            two.initialize();
            three.discover();
            List<Client> clients = List.of(one, two, three);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.CompletableFuture<String>> agents = new ArrayList<>();
            for (int k = 0; k < clients.size(); k++) {
                Client c = clients.get(k);
                String path = "src/" + k + ".txt";
                agents.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        // The first call registers the session's agent, as a hook's first call does.
                        Map<String, Object> r = c.call("reserve", "{\"paths\":[\"" + path + "\"]}");
                        String lease = String.valueOf(r.get("structuredContent"));
                        return lease.replaceAll("(?s).*holder=([^,}]+).*", "$1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            go.countDown();
            List<String> ids = new ArrayList<>();
            for (var agent : agents) {
                ids.add(agent.get(60, TimeUnit.SECONDS));
            }
            assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("mcp-"));
            for (int k = 0; k < clients.size(); k++) {
                assertThat(text(clients.get(k).call("start_session", "{}"))).contains("You are agent " + ids.get(k) + ".");
            }
            Map<String, Object> refused = two.call("reserve", "{\"paths\":[\"src/0.txt\"]}");
            assertThat(text(refused)).contains("held by " + ids.get(0));
        }
    }

    /** Tool-call round trips over stdio, printed as p50/p99 (DESIGN §7 figures; not asserted). */
    private static void latency(Client client) throws Exception {
        String revision = client.statelessCalls ? "2026-07-28" : "2025-11-25";
        for (int k = 0; k < 50; k++) {
            client.call("check", "{\"paths\":[\"src/Other.java\"]}");
        }
        List<Long> micros = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            long t = System.nanoTime();
            client.call("check", "{\"paths\":[\"src/Other.java\"]}");
            micros.add((System.nanoTime() - t) / 1_000);
        }
        Collections.sort(micros);
        System.out.printf("tools/call check over stdio (" + revision + "): p50 %.2f ms, p99 %.2f ms (300 calls after 50 warm-up)%n",
                micros.get(150) / 1e3, micros.get(297) / 1e3);
    }
}
