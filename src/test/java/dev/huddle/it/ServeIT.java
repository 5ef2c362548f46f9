package dev.huddle.it;

import static dev.huddle.it.Outcomes.assertCleanRefusal;
import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import dev.huddle.json.Json;
import dev.huddle.remote.Discovery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code huddle serve} as a real process: its URL line, health, SIGTERM, one server per port, and
 * per store on SQLite, on each {@link Backend}. On PostgreSQL several servers may serve one
 * database (the first in a directory publishes the discovery file, which is under {@code .huddle}
 * of a directory outside git, where the file would be), so that case checks the second one serves.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ServeIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));
    /** Stream readers block until their process ends: each gets a thread of its own, never the common pool. */
    private static final java.util.concurrent.Executor READERS = command -> Thread.ofVirtual().start(command);

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store store;
    private final List<Server> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A running {@code huddle serve}: its process, its URL line, and its stderr as read so far. */
    record Server(Process process, URI url, CompletableFuture<String> stdoutRest, CompletableFuture<String> stderr) {

        /** SIGTERM, then the exit code. */
        int stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("serve stopped after SIGTERM").isTrue();
            return process.exitValue();
        }
    }

    @BeforeEach
    void createStore() {
        store = backend.create(dir);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        started.forEach(s -> s.process().destroyForcibly());
        for (Server s : started) {
            s.process().waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS); // its pool's sessions end before the drop
        }
        http.close();
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    /**
     * {@code huddle} for the store of directory {@code where}: on SQLite its file {@code huddle.db};
     * on PostgreSQL the test's database, run in {@code where}, whose state directory it then uses.
     */
    private HuddleProcess huddle(Path where) {
        return store.isPostgres() ? HuddleProcess.in(where).withDb(store.db()) : HuddleProcess.in(dir).withDb(where.resolve("huddle.db"));
    }

    /** Where serve for {@code where} keeps its record: beside the file, or {@code .huddle} outside git. */
    private Path stateDir(Path where) {
        return store.isPostgres() ? where.resolve(".huddle") : where;
    }

    private Server serve(Path store, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        Process p = huddle(store).start(all.toArray(String[]::new));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), READERS);
        String first = CompletableFuture.supplyAsync(() -> readLine(out), READERS).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(first).as("first stdout line; stderr: %s", stderr.getNow("")).isNotNull().startsWith("http://");
        Server server = new Server(p, URI.create(first), CompletableFuture.supplyAsync(() -> readRest(out), READERS), stderr);
        started.add(server);
        return server;
    }

    @Test
    void serve_printsItsUrl_answersHealth_publishesDiscovery_andSigtermExits0_removingIt() throws Exception {
        Server server = serve(dir, "--bind", "127.0.0.1:0");
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.url().getPort()).isPositive();

        HttpResponse<String> health = get(server.url().resolve("/api/v1/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Json.readObject(health.body())).containsEntry("status", "ok")
                .containsEntry("store", store.isPostgres() ? "postgresql" : "sqlite");

        Path file = stateDir(dir).resolve(Discovery.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Optional<Discovery> found = Discovery.read(stateDir(dir));
        assertThat(found).hasValueSatisfying(d -> {
            assertThat(d.url()).isEqualTo(server.url());
            assertThat(d.pid()).isEqualTo(server.process().pid());
        });

        assertThat(server.stop()).as("exit code after SIGTERM; stderr: %s", server.stderr().get()).isZero();
        assertThat(file).doesNotExist();
        assertThat(server.stdoutRest().get()).as("nothing but the URL on stdout").isEmpty();
        assertThat(server.stderr().get()).isEmpty();
    }

    /** SQLite: one server per file. PostgreSQL: the second serves too, says who publishes, and leaves the first's record. */
    @Test
    void aSecondServe_ofTheSameStore_isRefusedOnSqlite_servesBesideTheFirstOnPostgresql() throws Exception {
        Server first = serve(dir, "--bind", "127.0.0.1:0");
        if (store.isPostgres()) {
            Server second = serve(dir, "--bind", "127.0.0.1:0");
            assertThat(get(second.url().resolve("/api/v1/health")).statusCode()).isEqualTo(200);
            assertThat(second.stop()).isZero();
            assertThat(second.stderr().get()).contains("another huddle serve publishes", "HUDDLE_URL=" + second.url())
                    .hasLineCount(1);
            assertThat(Discovery.read(stateDir(dir))).as("the first one's record, left by the second")
                    .hasValueSatisfying(d -> assertThat(d.pid()).isEqualTo(first.process().pid()));
            assertThat(get(first.url().resolve("/api/v1/health")).statusCode()).isEqualTo(200);
            assertThat(first.stop()).isZero();
            return;
        }
        Result second = huddle(dir).run("serve", "--bind", "127.0.0.1:0");
        assertCleanRefusal(second, 1);
        assertThat(second.stderr()).contains("already running", "pid " + first.process().pid(), first.url().toString());
        assertThat(Discovery.read(stateDir(dir))).hasValueSatisfying(d -> assertThat(d.pid()).isEqualTo(first.process().pid()));
        assertThat(first.stop()).isZero();
    }

    @Test
    void aSecondServe_onTheSamePort_isRefused_namingTheFirst() throws Exception {
        Server first = serve(dir, "--bind", "127.0.0.1:0");
        Path other = Files.createDirectory(dir.resolve("other"));
        Result second = huddle(other).run("serve", "--bind", "127.0.0.1:" + first.url().getPort());
        assertCleanRefusal(second, 1);
        assertThat(second.stderr()).contains("in use", "pid " + first.process().pid(), first.url().toString());
        assertThat(stateDir(other).resolve(Discovery.FILE)).doesNotExist();
        assertThat(first.stop()).isZero();
    }

    @Test
    void aBindOtherMachinesReach_withoutAllowRemote_isAUsageError() {
        Result r = huddle(dir).run("serve", "--bind", "0.0.0.0:0");
        assertCleanRefusal(r, 64);
        assertThat(r.stderr()).contains("--allow-remote");
        assertThat(stateDir(dir).resolve(Discovery.FILE)).doesNotExist();
    }

    @Test
    void aBindOtherMachinesReach_withAllowRemote_saysTlsBelongsToAProxy() throws Exception {
        Server server = serve(dir, "--bind", "0.0.0.0:0", "--allow-remote");
        int port = server.url().getPort();
        assertThat(Discovery.read(stateDir(dir))).hasValueSatisfying(d -> assertThat(d.url()).isEqualTo(URI.create("http://127.0.0.1:" + port)));
        assertThat(get(URI.create("http://127.0.0.1:" + port + "/api/v1/health")).statusCode()).isEqualTo(200);
        assertThat(server.stop()).isZero();
        assertThat(server.stderr().get()).contains("TLS", "reverse proxy").hasLineCount(1);
    }

    @Test
    void aCrashedServer_leavesAStaleFile_thatTheNextServeReplaces() throws Exception {
        Server crashed = serve(dir, "--bind", "127.0.0.1:0");
        crashed.process().destroyForcibly().waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(stateDir(dir).resolve(Discovery.FILE)).exists();
        assertThat(Discovery.read(stateDir(dir))).as("a dead server's file is ignored").isEmpty();

        Server next = serve(dir, "--bind", "127.0.0.1:0");
        assertThat(Discovery.read(stateDir(dir))).hasValueSatisfying(d -> assertThat(d.pid()).isEqualTo(next.process().pid()));
        assertThat(next.stop()).isZero();
    }

    /** Jetty and the MCP SDK stay off the CLI's cold path: a {@code lock} loads none of their classes. */
    @Test
    void lock_loadsNoServerClasses() throws Exception {
        succeed(huddle(dir).as("alice").run("register", "alice"));
        Path log = dir.resolve("classes.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:file=" + log, "-jar", HuddleProcess.jar().toString(),
                "lock", "src/a.py");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("HUDDLE_"));
        builder.environment().putAll(Map.of("HUDDLE_DB", store.db(), "HUDDLE_AGENT", "alice"));
        Process p = builder.start();
        String output = readAll(p.getInputStream());
        assertThat(p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("classes loaded").anyMatch(l -> l.contains("dev.huddle.cli.commands.LockCommand"));
        assertThat(loaded).noneMatch(l -> l.contains("org.eclipse.jetty") || l.contains("jakarta.servlet")
                || l.contains("org.slf4j") || l.contains("dev.huddle.server."));
        // Nor the MCP face and its libraries (huddle mcp and serve only).
        assertThat(loaded).noneMatch(l -> l.contains("io.modelcontextprotocol") || l.contains("dev.huddle.mcp.")
                || l.contains("com.fasterxml.jackson.databind") || l.contains("reactor.core"));
    }

    /**
     * The packaged server answers Claude Code's HTTP hooks with the hook face's classes, which live
     * in the main jar (the server jar's loader reaches them through its parent): a held file is
     * denied with the holder named, as {@code huddle hook claude PreToolUse} denies it.
     */
    @Test
    void theClaudeHooks_answerFromThePackagedServer() throws Exception {
        succeed(huddle(dir).run("register", "other"));
        succeed(huddle(dir).run("register", "me"));
        succeed(huddle(dir).run("lock", "held.txt", "--agent", "other", "--reason", "rewrite"));
        String token = succeed(huddle(dir).run("token", "issue", "--agent", "me")).stdout().strip();
        Server server = serve(dir, "--bind", "127.0.0.1:0");
        assertThat(Json.readObject(get(server.url().resolve("/api/v1/health")).body())).containsEntry("hooks", List.of("claude", "codex", "gemini", "cursor"));
        String payload = "{\"session_id\":\"s-1\",\"cwd\":\"" + dir + "\",\"hook_event_name\":\"PreToolUse\","
                + "\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"" + dir.resolve("held.txt") + "\",\"content\":\"x\"}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.url().resolve(dev.huddle.api.HookPaths.claude("PreToolUse")))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String command = succeed(huddle(dir).withEnv("HUDDLE_AGENT", "me").run(payload.getBytes(StandardCharsets.UTF_8),
                "hook", "claude", "PreToolUse")).stdout().strip();
        assertThat(r.body()).contains("\"permissionDecision\":\"deny\"").contains("other");
        assertThat(r.body().replaceAll("[0-9]+[hms][0-9hms]* left", "<T> left"))
                .isEqualTo(command.replaceAll("[0-9]+[hms][0-9hms]* left", "<T> left"));
        assertThat(server.stop()).isZero();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String readRest(BufferedReader in) {
        StringBuilder s = new StringBuilder();
        String line;
        while ((line = readLine(in)) != null) {
            s.append(line).append('\n');
        }
        return s.toString();
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
