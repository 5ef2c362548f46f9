package dev.huddle.server;

import dev.huddle.app.ChangeSignal;
import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Pacer;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.json.MiniJson;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The API (every operation's route, tokens, the local credential) on a real socket over a real
 * SQLite store in {@code root}, with a hand-moved clock shared by the store and the token checks.
 */
final class ApiServer implements AutoCloseable {

    final Path root;
    final MutableClock clock = MutableClock.atNoon();
    /** Told of every write through the server; its pacers are the server's coordinators'. */
    final ChangeSignal signal = new ChangeSignal();
    final ServeMain.Api api;
    final HuddleServer server;
    /** For setting up and looking: the same store, as a local coordinator. */
    final Coordinator local;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    ApiServer(Path root, ServerConfig config) {
        this(root, config, ServeMain.CONNECTIONS);
    }

    ApiServer(Path root, ServerConfig config, int connections) {
        this(root, config, connections, null);
    }

    /**
     * With {@code waitWith} making the pacer of the server's coordinators from the server's own
     * (woken by its writes); null for the default: the clock moves by the pause, and the real
     * time it takes is at most 5 ms, ended early by a write through the server.
     */
    ApiServer(Path root, ServerConfig config, int connections, UnaryOperator<Pacer> waitWith) {
        this.root = root;
        this.local = coordinator();
        UnaryOperator<Pacer> paced = waitWith != null ? waitWith : woken -> pause -> {
            clock.advance(pause);
            woken.pause(pause.compareTo(Duration.ofMillis(5)) < 0 ? pause : Duration.ofMillis(5));
        };
        this.api = ServeMain.Api.open(() -> coordinator(paced.apply(signal.pacer())), signal::signal, connections, "test",
                clock, () -> dev.huddle.core.Settings.HookErrorPolicy.DENY, System.err,
                dev.huddle.app.session.HookPlaces.nowhere(), "sqlite", new dev.huddle.cli.ServedCommandLines());
        this.server = HuddleServer.start(config.withClock(clock).withLog(new PrintStream(log, true, StandardCharsets.UTF_8)),
                api.routes(), List.of(), api.authenticator());
    }

    ApiServer(Path root) {
        this(root, ServerConfig.at(new Bind("127.0.0.1", 0)));
    }

    Coordinator coordinator() {
        return coordinator(wait);
    }

    Coordinator coordinator(Pacer pacer) {
        return new LocalCoordinator(new Context(new SqliteStore(root.resolve(".huddle/huddle.db")), Settings.DEFAULTS,
                clock, new Workspace(root, root), pacer, false));
    }

    /**
     * A wait's pause moves the hand-moved clock by as much, and takes a little real time so other
     * threads' requests run: a waiter's periodic re-read is due by the clock, and a frozen clock
     * would leave it waiting for a change it may have missed.
     */
    private final Pacer wait = pause -> {
        clock.advance(pause);
        Pacer.SLEEP.pause(pause.compareTo(java.time.Duration.ofMillis(5)) < 0 ? pause : java.time.Duration.ofMillis(5));
    };

    /** Registers {@code id} and issues it a token. */
    String agentToken(String id) {
        local.agents().register(AgentId.of(id), new dev.huddle.core.agent.AgentProfile(Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
        return local.tokens().issue(AgentId.of(id), false, Optional.empty()).secret();
    }

    String operatorToken(String id) {
        return local.tokens().issue(AgentId.of(id), true, Optional.empty()).secret();
    }

    URI uri(String path) {
        return server.url().resolve(path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String token, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    HttpResponse<String> post(String token, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    static Object json(HttpResponse<String> response) {
        return MiniJson.read(response.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(HttpResponse<String> response) {
        return (Map<String, Object>) json(response);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> error(HttpResponse<String> response) {
        return (Map<String, Object>) object(response).get("error");
    }

    @Override
    public void close() {
        api.endStreams();
        server.close();
        api.close();
        local.close();
        client.close();
    }
}
