package dev.huddle.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.huddle.core.agent.AgentId;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /mcp} on {@code huddle serve}: the SDK's Streamable HTTP transport with Huddle's tools.
 * The server mounts {@link #servlet()} behind its own filters (Host and Origin checks, bearer
 * tokens, rate and body limits); a call acts as the agent its token names, nothing else.
 */
public final class McpHttp implements AutoCloseable {

    public static final String PATH = "/mcp";
    private static final String AGENT = "huddle.agent";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;

    private McpHttp(HttpServletStreamableServerTransportProvider transport, McpSyncServer server) {
        this.transport = transport;
        this.server = server;
    }

    /**
     * @param agentOf the agent an admitted request's token names (empty for the local operator),
     *                as the server's auth filter left it on the request
     */
    public static McpHttp open(Store store, Function<HttpServletRequest, Optional<AgentId>> agentOf, String version,
                               Clock clock, PrintStream log) {
        ObjectMapper objects = new ObjectMapper();
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(objects);
        var transport = HttpServletStreamableServerTransportProvider.builder().jsonMapper(json).mcpEndpoint(PATH)
                .contextExtractor(request -> McpTransportContext.create(
                        agentOf.apply(request).<Map<String, Object>>map(a -> Map.of(AGENT, a)).orElse(Map.of())))
                .build();
        ToolCalls calls = new ToolCalls(store, clock, log);
        McpSyncServer server = McpServer.sync(transport).serverInfo("huddle", version)
                .instructions(McpMain.INSTRUCTIONS).jsonMapper(json).jsonSchemaValidator(new DefaultJsonSchemaValidator(objects))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(McpTools.specifications(calls, exchange -> new TokenCaller(
                        Optional.ofNullable((AgentId) exchange.transportContext().get(AGENT)), exchange.sessionId())))
                .build();
        return new McpHttp(transport, server);
    }

    public HttpServlet servlet() {
        return transport;
    }

    @Override
    public void close() {
        server.close();
    }
}
