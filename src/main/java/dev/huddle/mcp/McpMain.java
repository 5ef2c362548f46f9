package dev.huddle.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.huddle.boot.McpBoot;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code huddle mcp}: the MCP SDK's stdio server with Huddle's tools (loaded by name through
 * boot/ServerClasses, so nothing else loads the SDK). Runs until the client closes stdin.
 */
public final class McpMain implements McpBoot {

    static final String INSTRUCTIONS = "Huddle coordinates the coding agents working on this repository. Call "
            + "start_session first. Reserve files before editing them and release them when done; read your inbox.";

    @Override
    public int runStdio(Stdio session) {
        ObjectMapper objects = new ObjectMapper();
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(objects);
        CountDownLatch closed = new CountDownLatch(1);
        var transport = new StdioServerTransportProvider(json, new StdinLines(session.in(), objects, session.log(), closed), session.out());
        Caller caller = new StdioCaller(session.coordinator(), session.agent(), "mcp-" + UUID.randomUUID());
        ToolCalls calls = new ToolCalls(Store.serial(session.coordinator()), session.clock(), session.log());
        McpSyncServer server = McpServer.sync(transport).serverInfo("huddle", session.version())
                .instructions(INSTRUCTIONS).jsonMapper(json).jsonSchemaValidator(new DefaultJsonSchemaValidator(objects))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(McpTools.specifications(calls, exchange -> caller)).build();
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Answers still in flight are written before the transport closes.
        server.closeGracefully();
        return 0;
    }
}
