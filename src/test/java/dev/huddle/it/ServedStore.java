package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One test's store on a {@link Backend} with a real {@code huddle serve} over it: the CLI of the
 * store, tokens issued by it, the server started on a free loopback port, its URL read from its
 * first line and its standard error kept. Closing stops the server (SIGTERM, then SIGKILL after
 * the wait) and drops the store. What {@code RemoteCliIT}, {@code McpHttpIT} and
 * {@code McpSdkClientIT} each set up before their first request.
 */
final class ServedStore implements AutoCloseable {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    private final Path dir;
    private final Backend.Store store;
    private final HuddleProcess huddle;
    private final StringBuffer serverErr = new StringBuffer();
    private Process server;
    private Thread serverErrReader;
    private URI url;

    private ServedStore(Path dir, Backend.Store store, HuddleProcess huddle) {
        this.dir = dir;
        this.store = store;
        this.huddle = huddle;
    }

    /** A fresh store that every process names through {@code HUDDLE_DB}. */
    static ServedStore named(Backend backend, Path dir) {
        Backend.Store store = backend.create(dir);
        return new ServedStore(dir, store, HuddleProcess.in(dir).withDb(store.db()));
    }

    /**
     * A fresh store the way a repository has it: on SQLite the repository's own file, found
     * without {@code HUDDLE_DB} (so its server's discovery file is found too); on PostgreSQL the
     * test's database. {@code dir} must be a repository.
     */
    static ServedStore ofRepository(Backend backend, Path dir) {
        Backend.Store store = backend.create(dir);
        return new ServedStore(dir, store, store.isPostgres() ? HuddleProcess.in(dir).withDb(store.db()) : HuddleProcess.in(dir));
    }

    /** The CLI on the store itself, not through the server. */
    HuddleProcess huddle() {
        return huddle;
    }

    /** Registers {@code agent} and issues it a token. */
    String token(String agent) {
        assertThat(huddle.as(agent).run("register", agent).exitCode()).isZero();
        return issue("--agent", agent);
    }

    /** An operator token for {@code id}, which need not be a registered agent. */
    String operatorToken(String id) {
        return issue("--agent", id, "--operator");
    }

    private String issue(String... who) {
        String[] args = new String[who.length + 2];
        args[0] = "token";
        args[1] = "issue";
        System.arraycopy(who, 0, args, 2, who.length);
        HuddleProcess.Result r = huddle.run(args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }

    /** Starts {@code huddle serve} on a free loopback port; returns its URL, the first line it prints. */
    URI serve() throws Exception {
        server = huddle.start("serve", "--bind", "127.0.0.1:0");
        Process started = server;
        serverErrReader = Thread.ofVirtual().start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    serverErr.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the server ended
            }
        });
        String first = HuddleProcess.firstLine(server, WAIT);
        assertThat(first).as(serverErr::toString).startsWith("http://127.0.0.1:");
        url = URI.create(first);
        return url;
    }

    /** The CLI in the test's directory through the server: {@code HUDDLE_URL}, and {@code HUDDLE_TOKEN} unless null. */
    HuddleProcess remote(String token) {
        HuddleProcess remote = HuddleProcess.in(dir).withEnv("HUDDLE_URL", url.toString());
        return token == null ? remote : remote.withEnv("HUDDLE_TOKEN", token);
    }

    Process server() {
        return server;
    }

    /** What the server wrote on standard error; complete once {@link #serverErrEnded} is true. */
    String serverErr() {
        return serverErr.toString();
    }

    /** Whether the server's standard error reached its end within {@code wait}. */
    boolean serverErrEnded(Duration wait) throws InterruptedException {
        return serverErrReader.join(wait);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    server.destroyForcibly();
                }
            }
        } finally {
            store.close();
        }
    }
}
