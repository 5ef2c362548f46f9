package dev.huddle.server;

import dev.huddle.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A {@link HuddleServer} on a free loopback port for one test, with a client for it and its log. */
final class TestServer implements AutoCloseable {

    final HuddleServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    TestServer(ServerConfig config, Routes routes, List<ServletMount> mounts) {
        this.server = HuddleServer.start(config.withLog(new PrintStream(log, true, StandardCharsets.UTF_8)), routes, mounts);
    }

    static ServerConfig loopback() {
        return ServerConfig.at(new Bind("127.0.0.1", 0));
    }

    URI uri(String path) {
        return server.url().resolve(path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The {@code error} object of an error answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> error(String body) {
        return (Map<String, Object>) Json.readObject(body).get("error");
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
