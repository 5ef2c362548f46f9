package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.huddle.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} with Claude Code HTTP hooks installed: a real server on port 0 answering health, and nothing listening. */
@Timeout(60)
class StatusHttpHooksTest {

    @TempDir
    Path repo;
    @TempDir
    Path home;

    CliRun run(String... args) {
        return CliRun.withHome(repo, home, args);
    }

    /** A server like huddle serve's health endpoint, on a free port; counts the health requests. */
    static HttpServer healthServer(AtomicInteger asked) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/health", exchange -> {
            asked.incrementAndGet();
            byte[] body = "{\"status\":\"ok\",\"hooks\":[\"claude\"]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void status_whenTheServerAnswers_saysNothing_andJsonSaysItAnswers() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        HttpServer server = healthServer(asked);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(run("install", "claude", "--http", url).code()).isZero();

            CliRun text = run("status");
            CliRun json = run("status", "--json");

            assertThat(text.code()).isZero();
            assertThat(text.err()).doesNotContain("no server answers");
            assertThat(json.code()).isZero();
            assertThat(Json.readObject(json.out()).get("http_hooks")).isEqualTo(List.of(Map.of("url", url, "answers", true)));
            assertThat(asked.get()).as("install's probe, then one per status").isEqualTo(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void status_whenNothingListens_warnsInOneLine_textAndJson() throws IOException {
        // Installed while a server answered (install checks), then the server went away.
        HttpServer server = healthServer(new AtomicInteger());
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            assertThat(run("install", "claude", "--http", url, "--scope", "user").code()).isZero();
        } finally {
            server.stop(0);
        }

        CliRun text = run("status");
        CliRun json = run("status", "--json");

        String warning = "huddle: warning: Claude Code's HTTP hooks point at " + url
                + " but no server answers: start it with 'huddle serve' (until then Claude Code refuses every edit: "
                + "\"PreToolUse:<tool> hook error: [" + url + "/api/v1/hooks/claude/pre-tool-use]: failed; blocking because"
                + " onFailure is \"block\"\")";
        assertThat(text.code()).isZero();
        assertThat(text.err()).contains(warning);
        assertThat(text.err().lines().filter(l -> l.contains("no server answers"))).hasSize(1);
        assertThat(json.code()).isZero();
        assertThat(json.err()).contains(warning);
        assertThat(Json.readObject(json.out()).get("http_hooks")).isEqualTo(List.of(Map.of("url", url, "answers", false)));
    }

    @Test
    void status_withCommandHooksOnly_hasNoHttpHooksKey_andNoWarning() throws IOException {
        assertThat(run("install", "claude").code()).isZero();

        CliRun json = run("status", "--json");

        assertThat(json.code()).isZero();
        assertThat(Json.readObject(json.out())).doesNotContainKey("http_hooks");
        assertThat(json.err()).doesNotContain("no server answers");
    }

    @Test
    void status_ignoresAUsersHttpHook_onAnotherPath() throws IOException {
        Files.createDirectories(repo.resolve(".claude"));
        Files.writeString(repo.resolve(".claude/settings.json"), """
                {"hooks": {"Stop": [{"hooks": [{"type": "http", "url": "http://127.0.0.1:1/hooks/stop"}]}]}}
                """);

        CliRun json = run("status", "--json");

        assertThat(json.code()).isZero();
        assertThat(Json.readObject(json.out())).doesNotContainKey("http_hooks");
    }
}
