package dev.huddle.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.huddle.core.agent.AgentId;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
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
 * {@code /mcp} on {@code huddle serve}: the SDK's Streamable HTTP transports with Huddle's tools,
 * one per protocol revision behind a {@link RevisionRouter}: 2025-11-25 with sessions
 * ({@code initialize} first, as Claude Code sends it) and the stateless 2026-07-28. The server
 * mounts {@link #servlet()} behind its own filters (Host and Origin checks, bearer tokens, rate
 * and body limits); a call acts as the agent its token names, nothing else, in either revision.
 */
public final class McpHttp implements AutoCloseable {

    public static final String PATH = "/mcp";
    private static final String AGENT = "huddle.agent";

    private final RevisionRouter router;
    private final McpSyncServer server;
    private final HttpServletMcpTransport stateless;

    private McpHttp(RevisionRouter router, McpSyncServer server, HttpServletMcpTransport stateless) {
        this.router = router;
        this.server = server;
        this.stateless = stateless;
    }

    /**
     * @param agentOf the agent an admitted request's token names (empty for the local operator),
     *                as the server's auth filter left it on the request
     */
    public static McpHttp open(Store store, Function<HttpServletRequest, Optional<AgentId>> agentOf, String version,
                               Clock clock, PrintStream log) {
        ObjectMapper objects = new ObjectMapper();
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(objects);
        McpTransportContextExtractor<HttpServletRequest> context = request -> McpTransportContext.create(
                agentOf.apply(request).<Map<String, Object>>map(a -> Map.of(AGENT, a)).orElse(Map.of()));
        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator(objects);
        ToolCalls calls = new ToolCalls(store, clock, log);
        var transport = HttpServletStreamableServerTransportProvider.builder().jsonMapper(json).mcpEndpoint(PATH)
                .contextExtractor(context).build();
        McpSyncServer server = McpServer.sync(transport).serverInfo("huddle", version)
                .instructions(McpMain.INSTRUCTIONS).jsonMapper(json).jsonSchemaValidator(validator)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(McpTools.specifications(calls, exchange -> new TokenCaller(agent(exchange.transportContext()),
                        exchange.sessionId())))
                .build();
        // Stateless: no session, so the token is all there is to identity (docs/decisions.md).
        var stateless = HttpServletMcpTransport.builder(StatelessServer.build(calls,
                        request -> new TokenCaller(agent(request.transportContext()), null), version, json, validator))
                .jsonMapper(json).endpoint(PATH).contextExtractor(context).build();
        return new McpHttp(new RevisionRouter(transport, stateless), server, stateless);
    }

    private static Optional<AgentId> agent(McpTransportContext context) {
        return Optional.ofNullable((AgentId) context.get(AGENT));
    }

    public HttpServlet servlet() {
        return router;
    }

    @Override
    public void close() {
        stateless.closeGracefully();
        server.close();
    }
}
