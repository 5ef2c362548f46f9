package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.api.Operations;
import dev.huddle.json.MiniJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/run} over a real socket (the launcher's thin client, CommandLineRoute): the
 * CLI runs in the server as the credential allows and answers its exit code, output and errors;
 * a line the server does not run, or a request it cannot read, is 400 and changes nothing.
 */
class CommandLineRouteTest {

    @TempDir
    Path root;
    ApiServer s;
    String alice;
    String bob;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve(".huddle"));
        s = new ApiServer(root);
        alice = s.agentToken("alice");
        bob = s.agentToken("bob");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    record Ran(int status, Optional<String> exit, String stdout, String stderr) {}

    private Ran run(String token, Object cwd, Map<String, String> env, String... argv) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("argv", List.of(argv));
        body.put("cwd", cwd);
        body.put("env", env);
        HttpResponse<String> r = s.post(token, CommandLineRoute.PATH, MiniJson.write(body));
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        int split = r.headers().firstValue(CommandLineRoute.STDOUT_HEADER).map(Integer::parseInt).orElse(bytes.length);
        return new Ran(r.statusCode(), r.headers().firstValue(CommandLineRoute.EXIT_HEADER),
                new String(bytes, 0, split, StandardCharsets.UTF_8),
                new String(bytes, split, bytes.length - split, StandardCharsets.UTF_8));
    }

    private Ran run(String token, String... argv) throws Exception {
        return run(token, root.toString(), Map.of(), argv);
    }

    @Test
    void aLineRunsAsTheTokensAgent_withTheCliExitCodes_andItsOutputAndErrorsApart() throws Exception {
        Ran locked = run(alice, "lock", "src/a.py", "--reason", "refactor");
        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.exit()).contains("0");
        assertThat(locked.stdout()).contains("locked src/a.py").contains("alice");
        assertThat(locked.stderr()).isEmpty();
        assertThat(s.local.leases().locks(false, Optional.empty()).getFirst().lease().holder().value())
                .isEqualTo("alice");

        Ran denied = run(bob, "check", "src/a.py");
        assertThat(denied.exit()).contains("2");
        assertThat(denied.stdout()).contains("held by alice");

        Ran bad = run(bob, "lock", "src/b.py", "--ttl", "soon");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.exit()).contains("64");
        assertThat(bad.stdout()).isEmpty();
        assertThat(bad.stderr()).startsWith("huddle: invalid --ttl 'soon'").endsWith("\n").hasLineCount(1);

        Ran json = run(alice, "whoami", "--json");
        assertThat(json.exit()).contains("0");
        assertThat(MiniJson.readObject(json.stdout().strip())).containsEntry("id", "alice");
    }

    @Test
    void anAgentToken_cannotActAsAnother_theCliSaysSo() throws Exception {
        Ran other = run(bob, "lock", "src/a.py", "--agent", "alice");
        assertThat(other.exit()).contains("1");
        assertThat(other.stderr()).contains("the token is bob's").hasLineCount(1);
        assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
    }

    @Test
    void linesTheServerDoesNotRun_andUnreadableRequests_are400_andRunNothing() throws Exception {
        long before = s.local.events().lastSeq();
        for (String[] argv : List.of(new String[] {"init"}, new String[] {"token", "list"},
                new String[] {"hook", "claude", "pre-tool-use"}, new String[] {"watch"}, new String[] {"mcp"},
                new String[] {"send", "bob", "-"}, new String[] {"--agent", "alice", "serve"})) {
            Ran r = run(alice, argv);
            assertThat(r.status()).as(String.join(" ", argv)).isEqualTo(400);
            assertThat(r.exit()).isEmpty();
        }
        assertThat(run(alice, "relative/dir", Map.of(), "status").status()).isEqualTo(400);
        assertThat(run(alice, root.resolve("missing").toString(), Map.of(), "status").status()).isEqualTo(400);
        assertThat(s.post(alice, CommandLineRoute.PATH, "{\"argv\":[]}").statusCode()).isEqualTo(400);
        assertThat(s.post(alice, CommandLineRoute.PATH, "{\"argv\":[1],\"cwd\":\"/\"}").statusCode()).isEqualTo(400);
        assertThat(s.post(alice, CommandLineRoute.PATH, "not json").statusCode()).isEqualTo(400);
        // A HUDDLE_URL that is no URL (a hook named its server with --url) is not the request's problem.
        Ran odd = run(alice, root.toString(), Map.of("HUDDLE_URL", "not a url"), "whoami");
        assertThat(odd.exit()).as(odd.toString()).contains("0");
        assertThat(s.post(null, CommandLineRoute.PATH, "{\"argv\":[\"status\"],\"cwd\":\"/\"}").statusCode()).isEqualTo(401);
        assertThat(s.local.events().lastSeq()).isEqualTo(before);
    }

    @Test
    void aRequestRelayedByAReverseProxy_is403_theLineRunsOnlyForThisMachine() throws Exception {
        for (String header : List.of("X-Forwarded-For", "Forwarded", "X-Real-IP")) {
            HttpResponse<String> r = s.send(java.net.http.HttpRequest.newBuilder(s.uri(CommandLineRoute.PATH))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(MiniJson.write(Map.of("argv",
                            List.of("lock", "src/a.py"), "cwd", root.toString()))))
                    .header("Authorization", "Bearer " + alice).header(header, "203.0.113.7"));
            assertThat(r.statusCode()).as(header).isEqualTo(403);
            assertThat(r.headers().firstValue(CommandLineRoute.EXIT_HEADER)).isEmpty();
            // Refused before its body was read: the connection closes, and the answer says so.
            assertThat(r.headers().firstValue("Connection")).as(header).contains("close");
        }
        assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
        // Kept open whenever nothing was left unread: a GET, and a refusal after the body was read.
        HttpResponse<String> health = s.send(java.net.http.HttpRequest.newBuilder(s.uri(Health.PATH)).GET());
        assertThat(health.headers().firstValue("Connection")).as("GET").isEmpty();
        HttpResponse<String> read = s.post(alice, CommandLineRoute.PATH, "not json");
        assertThat(read.statusCode()).isEqualTo(400);
        assertThat(read.headers().firstValue("Connection")).as("body read, then refused").isEmpty();
    }

    private HttpResponse<String> runWithStdin(String token, Map<String, Object> line, String stdin) throws Exception {
        byte[] json = MiniJson.write(line).getBytes(StandardCharsets.UTF_8);
        byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + in.length];
        System.arraycopy(json, 0, body, 0, json.length);
        System.arraycopy(in, 0, body, json.length, in.length);
        return s.send(java.net.http.HttpRequest.newBuilder(s.uri(CommandLineRoute.PATH))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + token).header(CommandLineRoute.STDIN_HEADER, Integer.toString(in.length)));
    }

    @Test
    void standardInput_followsTheLine_andAHookIsAnsweredWithTheRequestsCredential_notOneTheLineNames() throws Exception {
        HttpResponse<String> sent = runWithStdin(alice, Map.of("argv", List.of("send", "bob", "-"), "cwd", root.toString()),
                "two lines\nand a blank one\n\n");
        assertThat(sent.headers().firstValue(CommandLineRoute.EXIT_HEADER)).as(sent.body()).contains("0");
        Ran inbox = run(bob, "inbox", "--json");
        assertThat(inbox.stdout()).contains("two lines\\nand a blank one\\n\\n\"");

        String payload = "{\"session_id\":\"s1\",\"cwd\":\"" + root + "\",\"hook_event_name\":\"PreToolUse\","
                + "\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"" + root.resolve("src/free.py") + "\",\"content\":\"x\"}}";
        HttpResponse<String> hook = runWithStdin(alice, Map.of("argv", List.of("hook", "claude", "PreToolUse", "--url",
                "http://127.0.0.1:1"), "cwd", root.toString(), "env", Map.of("HUDDLE_TOKEN", "not-a-token")), payload);
        assertThat(hook.headers().firstValue(CommandLineRoute.EXIT_HEADER)).as(hook.body()).contains("0");
        assertThat(hook.body()).as("allowed: answered by this server as alice, not refused for the named token or URL")
                .isEmpty();
        assertThat(runWithStdin(alice, Map.of("argv", List.of("send", "bob", "-"), "cwd", root.toString()), "x")
                .statusCode()).isEqualTo(200);
        assertThat(s.send(java.net.http.HttpRequest.newBuilder(s.uri(CommandLineRoute.PATH))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .header("Authorization", "Bearer " + alice).header(CommandLineRoute.STDIN_HEADER, "9")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theRouteIsUnderTheApi_andDocumented() throws Exception {
        assertThat(CommandLineRoute.PATH).startsWith(Operations.PREFIX);
        Map<String, Object> doc = MiniJson.readObject(s.get(alice, ServeMain.OPENAPI_PATH).body());
        assertThat(((Map<?, ?>) doc.get("paths")).containsKey(CommandLineRoute.PATH)).isTrue();
    }
}
