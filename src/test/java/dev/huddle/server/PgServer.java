package dev.huddle.server;

import dev.huddle.app.Coordinator;
import dev.huddle.boot.Runtime;
import dev.huddle.boot.ServerBoot;
import dev.huddle.boot.ServerWiring;
import dev.huddle.boot.StoreAddress;
import dev.huddle.boot.StoreLocation;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.store.postgres.PostgresUrl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One {@code huddle serve} on a PostgreSQL database, started in-process exactly as the command
 * starts it ({@link ServerWiring} with its own pool and listener, {@link ServeMain}), on a free
 * loopback port, with a client for it.
 */
final class PgServer implements AutoCloseable {

    final ServerWiring wiring;
    final ServerBoot.Running running;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** A server of the database {@code url} for the repository at {@code root} (its state in {@code root/state}). */
    PgServer(Path root, PostgresUrl url) {
        Runtime runtime = runtime(root, url);
        this.wiring = ServerWiring.of(runtime);
        try {
            this.running = new ServeMain().start(new ServerBoot.Options("127.0.0.1:0", false, List.of(), root.resolve("state"),
                    "test", new PrintStream(log, true, StandardCharsets.UTF_8), wiring.coordinators(), wiring.written(),
                    () -> HookErrorPolicy.DENY, root, wiring.shared()));
        } catch (RuntimeException e) {
            wiring.close();
            throw e;
        }
    }

    static Runtime runtime(Path root, PostgresUrl url) {
        return Runtime.at(new StoreLocation(root, new StoreAddress.Postgres(url), root.resolve("state")), root);
    }

    /** A coordinator of its own on the database (a direct connection), for setting up. */
    static Coordinator local(Path root, PostgresUrl url) {
        return runtime(root, url).open(false);
    }

    URI uri(String path) {
        return running.url().resolve(path);
    }

    HttpResponse<String> post(String token, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running.close();
        wiring.close();
        client.close();
    }
}
