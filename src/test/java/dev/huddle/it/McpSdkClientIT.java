package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.modelcontextprotocol.modern.client.transport.StdioMcpClientTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Huddle's MCP face driven by clients we did not write: the official Java SDK's 2026-07-28
 * (stateless) client and its 2025-11-25 (session) client, against {@code /mcp} on a real
 * {@code huddle serve} and against {@code huddle mcp} over stdio. Each finds the twelve tools,
 * acts as its own agent, and reads a refusal that names the holder and the next tool call.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class McpSdkClientIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));
    private static final JacksonMcpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    /** Closed after each test (not when the store could not be created: a skipped test). */
    @AutoClose
    private ServedStore served;

    @BeforeEach
    void createStore() {
        served = ServedStore.named(backend, dir);
    }

    private HuddleProcess huddle() {
        return served.huddle();
    }

    private static io.modelcontextprotocol.modern.client.McpSyncClient stateless(URI mcp, String token) {
        var transport = HttpClientMcpTransport.builder(mcp).jsonMapper(JSON)
                .requestCustomizer(McpHttpRequestCustomizer.fromSync(
                        (request, headers, context) -> headers.set("Authorization", "Bearer " + token)))
                .build();
        return io.modelcontextprotocol.modern.client.McpClient.sync(transport).jsonMapper(JSON)
                .clientInfo(McpSchema.Implementation.builder("McpSdkClientIT", "1").build()).build();
    }

    private static McpSyncClient withSession(URI mcp, String token) {
        var transport = HttpClientStreamableHttpTransport.builder(mcp.resolve("/").toString()).endpoint(mcp.getPath())
                .jsonMapper(JSON).requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT).build();
        client.initialize();
        return client;
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    static String text(io.modelcontextprotocol.spec.McpSchema.CallToolResult result) {
        return ((io.modelcontextprotocol.spec.McpSchema.TextContent) result.content().getFirst()).text();
    }

    @Test
    void overHttp_theSdksStatelessAndSessionClients_shareOneStore_eachAsItsTokensAgent() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        String alice = served.token("alice");
        String bob = served.token("bob");
        URI mcp = served.serve().resolve("/mcp");

        var a = stateless(mcp, alice);
        McpSchema.DiscoverResult discover = a.discover();
        assertThat(discover.supportedVersions()).contains("2026-07-28");
        assertThat(a.listTools().list().tools()).extracting(McpSchema.Tool::name).hasSize(12).contains("reserve", "send");
        assertThat(text(a.tool("start_session").arguments(Map.of()).call())).contains("You are agent alice");
        McpSchema.CallToolResult granted = a.tool("reserve").arguments(Map.of("paths", List.of("src/Main.java"))).call();
        assertThat(granted.isError()).isFalse();

        try (McpSyncClient b = withSession(mcp, bob)) {
            assertThat(b.listTools().tools()).hasSize(12);
            var refused = b.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("reserve",
                    Map.of("paths", List.of("src/Main.java"))));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("src/Main.java: held by alice", "next: ", "call send with to=[alice]");
            assertThat(b.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("send",
                    Map.of("to", List.of("alice"), "body", "please release src/Main.java"))).isError()).isFalse();
        }
        McpSchema.CallToolResult inbox = a.tool("inbox").arguments(Map.of()).call();
        assertThat(text(inbox)).contains("please release src/Main.java", "bob");
        assertThat(a.tool("release").arguments(Map.of("paths", List.of("src/Main.java"))).call().isError()).isFalse();
    }

    @Test
    void overStdio_theSdksStatelessClient_drivesHuddleMcp() throws Exception {
        assertThat(huddle().run("init").exitCode()).isZero();
        Process process = huddle().open("mcp");
        StringBuffer err = new StringBuffer();
        Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    err.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        try (var transport = StdioMcpClientTransport.builder(process.getInputStream(), process.getOutputStream())
                .jsonMapper(JSON).start()) {
            var client = io.modelcontextprotocol.modern.client.McpClient.sync(transport).jsonMapper(JSON)
                    .clientInfo(McpSchema.Implementation.builder("McpSdkClientIT", "1").build()).build();
            assertThat(client.discover().supportedVersions()).as(err::toString).contains("2026-07-28");
            assertThat(client.listTools().list().tools()).hasSize(12);
            assertThat(text(client.tool("start_session").arguments(Map.of()).call())).contains("You are agent mcp-1");
            assertThat(client.tool("reserve").arguments(Map.of("paths", List.of("src/a.txt"))).call().isError()).isFalse();
            McpSchema.CallToolResult bad = client.tool("done").arguments(Map.of("id", "not a task")).call();
            assertThat(bad.isError()).isTrue();
            assertThat(client.tool("check").arguments(Map.of("paths", List.of("src/a.txt"))).call().isError()).isFalse();
        } finally {
            process.getOutputStream().close();
            assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as(err::toString).isTrue();
        }
        assertThat(huddle().run("locks", "--json").stdout()).contains("src/a.txt", "mcp-1");
    }
}
