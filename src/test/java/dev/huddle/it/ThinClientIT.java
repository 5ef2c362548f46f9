package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The launcher's thin client as real processes (bin/lib/thin.sh, docs/decisions.md, "The
 * launcher's thin client"): {@code bin/huddle} with {@code HUDDLE_URL} of a server on this machine
 * hands the line to the server, which runs the CLI; what it prints and how it exits are the JVM
 * client's ({@code HUDDLE_THIN=0}) for the same line. {@code HUDDLE_THIN=always} makes a line the
 * thin client would hand to the JVM fail instead, so a test knows which of the two ran it.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ThinClientIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    @Parameter
    Backend backend;

    @TempDir
    Path dir;
    @AutoClose
    private ServedStore served;

    @BeforeEach
    void createStore() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.createDirectories(dir.resolve("src"));
        served = ServedStore.ofRepository(backend, dir);
    }

    private static HuddleProcess thin(HuddleProcess remote) {
        return remote.throughLauncher().withEnv("HUDDLE_THIN", "always");
    }

    private static HuddleProcess jvm(HuddleProcess remote) {
        return remote.throughLauncher().withEnv("HUDDLE_THIN", "0");
    }

    /** The text with what differs between two runs of the same line on other paths (ids, times, tokens) masked. */
    private static String shape(String text) {
        return text.replaceAll("src/[abcd]\\.py", "src/X.py").replaceAll("[0-9]+", "N");
    }

    @Test
    void everyLine_printsAndExitsAsTheJvmClient_withAnIssuedToken_orTheLocalCredential() throws Exception {
        String alice = served.token("alice");
        String bob = served.token("bob");
        served.serve();
        for (String token : new String[] {alice, null}) {
            HuddleProcess asAlice = token == null ? served.remote(null).as("alice") : served.remote(alice);
            HuddleProcess asBob = token == null ? served.remote(null).as("bob") : served.remote(bob);
            String first = token == null ? "src/c.py" : "src/a.py";
            String second = token == null ? "src/d.py" : "src/b.py";
            // Each write runs once on each client, on its own path; the reads run on the same state.
            List<List<String>> aliceLines = List.of(List.of("lock", first, "--reason", "refactor"),
                    List.of("--dry-run", "lock", "src/e.py"), List.of("send", "bob", "hello", "there"),
                    List.of("lock", "x", "--ttl", "soon"), List.of("frobnicate"), List.of("whoami"),
                    List.of("locks"), List.of("who", "--json"), List.of("lock", "--help"));
            for (List<String> line : aliceLines) {
                Result viaThin = thin(asAlice).run(line.toArray(String[]::new));
                Result viaJvm = jvm(asAlice).run(line.stream().map(w -> w.equals(first) ? second : w).toArray(String[]::new));
                assertThat(viaThin.exitCode()).as("%s: %s / %s", line, viaThin, viaJvm).isEqualTo(viaJvm.exitCode());
                assertThat(shape(viaThin.stdout())).as("%s", line).isEqualTo(shape(viaJvm.stdout()));
                assertThat(shape(viaThin.stderr())).as("%s", line).isEqualTo(shape(viaJvm.stderr()));
            }
            for (List<String> line : List.of(List.of("check", first), List.of("lock", first), List.of("unlock", first))) {
                Result viaThin = thin(asBob).run(line.toArray(String[]::new));
                Result viaJvm = jvm(asBob).run(line.stream().map(w -> w.equals(first) ? second : w).toArray(String[]::new));
                assertThat(viaThin.exitCode()).as("%s: %s / %s", line, viaThin, viaJvm).isEqualTo(viaJvm.exitCode());
                assertThat(viaThin.exitCode()).as("%s", line).isNotZero();
                assertThat(shape(viaThin.stdout() + viaThin.stderr())).as("%s", line)
                        .isEqualTo(shape(viaJvm.stdout() + viaJvm.stderr()));
            }
            Result inbox = thin(asBob).run("inbox");
            assertThat(inbox.exitCode()).as(inbox.toString()).isZero();
            assertThat(inbox.stdout()).contains("hello there");
            assertThat(served.huddle().run("locks").stdout()).contains(first).contains(second).doesNotContain("src/e.py");
        }
        // An issued token acts as its agent only, through the thin client as through the JVM's.
        Result other = thin(served.remote(bob)).run("--agent", "alice", "unlock", "src/a.py");
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.stderr()).contains("the token is bob's").hasLineCount(1);
        assertThat(served.huddle().run("locks").stdout()).contains("src/a.py");
    }

    @Test
    void aLockWait_isHandedOverByTheUnlock_andAKilledWaiterLeavesTheLine() throws Exception {
        HuddleProcess file = served.huddle();
        for (String agent : new String[] {"alice", "bob", "carol"}) {
            assertThat(file.run("register", agent).exitCode()).isZero();
        }
        served.serve();
        HuddleProcess remote = thin(served.remote(null));
        assertThat(remote.as("alice").run("lock", "src/a.py").exitCode()).isZero();
        Process carol = jvm(served.remote(null)).as("carol").start("lock", "src/a.py", "--wait", "10m");
        try {
            awaitLog(file, waitOf("carol"));
            carol.destroyForcibly(); // SIGKILL: the launcher's bash, whose socket the server watches
            assertThat(carol.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            awaitLog(file, "lease.give_up");
            Process bob = remote.as("bob").start("lock", "src/a.py", "--wait", "10m");
            awaitLog(file, waitOf("bob"));
            assertThat(remote.as("alice").run("unlock", "src/a.py").exitCode()).isZero();
            assertThat(bob.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("bob's wait ended").isTrue();
            String out = new String(bob.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bob.exitValue()).as(out).isZero();
            assertThat(out).contains("locked src/a.py");
            assertThat(file.run("locks").stdout()).contains("bob").doesNotContain("carol");
        } finally {
            carol.destroyForcibly();
        }
    }

    @Test
    void standardInput_goesWithTheLine_andWithoutAServer_theJvmClientGetsItAndSaysSo() throws Exception {
        HuddleProcess file = served.huddle();
        assertThat(file.run("register", "alice").exitCode()).isZero();
        assertThat(file.run("register", "bob").exitCode()).isZero();
        assertThat(file.run("lock", "src/a.py", "--agent", "bob").exitCode()).isZero();
        String url = served.serve().toString();
        HuddleProcess remote = thin(served.remote(null));
        byte[] text = "first line\n\nlast line, then two newlines\n\n".getBytes(StandardCharsets.UTF_8);
        Result piped = remote.as("alice").run(text, "send", "bob", "-");
        assertThat(piped.exitCode()).as(piped.toString()).isZero();
        Result viaJvm = jvm(served.remote(null)).as("alice").run(text, "send", "bob", "-");
        assertThat(viaJvm.exitCode()).as(viaJvm.toString()).isZero();
        String inbox = file.as("bob").run("inbox", "--json").stdout();
        // Both bodies arrived whole, trailing newlines and all.
        assertThat(inbox.split(java.util.regex.Pattern.quote("first line\\n\\nlast line, then two newlines\\n\\n\""), -1))
                .hasSize(3);

        Process server = served.server();
        server.destroy();
        assertThat(server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        HuddleProcess auto = served.remote(null).throughLauncher();
        Result down = auto.as("alice").run("lock", "src/b.py");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.stdout()).isEmpty();
        assertThat(down.stderr()).isEqualTo("huddle: cannot reach huddle server at " + url
                + " (connection refused); start it with `huddle serve` or unset HUDDLE_URL\n");
        // A hook the thin client read cannot be handed over: the JVM client gets the payload it read,
        // and refuses the edit it cannot check, naming the file (so it did read the payload).
        String payload = "{\"session_id\":\"s1\",\"cwd\":\"" + dir + "\",\"hook_event_name\":\"PreToolUse\","
                + "\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"" + dir.resolve("src/a.py") + "\",\"content\":\"x\"}}";
        Result hook = auto.as("alice").run(payload.getBytes(StandardCharsets.UTF_8), "hook", "claude", "PreToolUse");
        assertThat(hook.stdout()).as(hook.toString()).contains("deny").contains("cannot reach huddle server at " + url);
        Result refused = remote.as("alice").run("lock", "src/b.py");
        assertThat(refused.exitCode()).isEqualTo(1);
        // The stopped server took its server.json with it: no credential to send.
        assertThat(refused.stderr()).isEqualTo("huddle: the thin client did not run this line: no HUDDLE_TOKEN, and no "
                + "server.json of this store's server at " + java.net.URI.create(url).getAuthority() + " (HUDDLE_THIN=always)\n");
        Result noServer = thin(served.remote("some-token")).run("lock", "src/b.py");
        assertThat(noServer.exitCode()).isEqualTo(1);
        assertThat(noServer.stderr()).isEqualTo("huddle: the thin client did not run this line: cannot connect to "
                + java.net.URI.create(url).getAuthority() + " (HUDDLE_THIN=always)\n");
    }

    /** {@code mcp} is a session on the client's own stdin and stdout: the launcher keeps it in the JVM client. */
    @Test
    void mcp_withAServer_staysASessionOnTheClientsStdio() throws Exception {
        assertThat(served.huddle().run("register", "alice").exitCode()).isZero();
        served.serve();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"ThinClientIT\",\"version\":\"1\"}}}\n";
        Process mcp = thin(served.remote(null)).as("alice").open("mcp");
        try {
            // Standard input stays open, as an MCP client keeps it: the answer comes on this process's stdout.
            mcp.getOutputStream().write(initialize.getBytes(StandardCharsets.UTF_8));
            mcp.getOutputStream().flush();
            String answer = HuddleProcess.firstLine(mcp, WAIT);
            assertThat(answer).contains("\"id\":1").contains("protocolVersion");
        } finally {
            mcp.destroyForcibly();
        }
        // A client that closes its input right after a request still gets the answer (the JVM
        // client through a server lost this race: the session closed before the SDK read the request).
        Result closed = thin(served.remote(null)).as("alice").run(initialize.getBytes(StandardCharsets.UTF_8), "mcp");
        assertThat(closed.stdout()).as(closed.toString()).contains("\"id\":1").contains("protocolVersion");
    }

    /** An event of {@code log --json} saying that {@code agent} joined the line for a lease. */
    private static String waitOf(String agent) {
        return "\"agent\":\"" + agent + "\",\"at\":\"[^\"]*\",\"kind\":\"lease.wait\"";
    }

    /** Polls the store's log (on the file) until an event matches {@code pattern}. */
    private static void awaitLog(HuddleProcess file, String pattern) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern);
        while (true) {
            String log = file.run("log", "--json", "--limit", "100").stdout();
            if (p.matcher(log).find()) {
                return;
            }
            assertThat(System.nanoTime()).as("the log matches %s: %s", pattern, log).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
