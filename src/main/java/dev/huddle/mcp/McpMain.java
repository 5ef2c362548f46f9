package dev.huddle.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.huddle.boot.McpBoot;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.modern.server.transport.StdioMcpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code huddle mcp}: the MCP SDK's stdio server with Huddle's tools (loaded by name through
 * boot/ServerClasses, so nothing else loads the SDK). The client's first message picks the
 * protocol revision for the process ({@link Revision#ofFirst}): {@code initialize} the
 * 2025-11-25 session server, a request carrying its version in {@code _meta} (such as
 * {@code server/discover}) the stateless 2026-07-28 one. Runs until the client closes stdin.
 */
public final class McpMain implements McpBoot {

    static final String INSTRUCTIONS = "Huddle coordinates the coding agents working on this repository. Call "
            + "start_session first. Reserve files before editing them and release them when done; read your inbox.";

    @Override
    public int runStdio(Stdio session) {
        ObjectMapper objects = new ObjectMapper();
        CountDownLatch closed = new CountDownLatch(1);
        StdinLines in = new StdinLines(session.in(), objects, session.log(), closed);
        JsonNode first;
        try {
            first = in.first();
        } catch (IOException e) {
            session.log().println("huddle mcp: cannot read stdin: " + e.getMessage());
            return 1;
        }
        if (first == null) {
            return 0;
        }
        // One process is one session of one agent, whichever revision it speaks (docs/decisions.md).
        Caller caller = new StdioCaller(session.coordinator(), session.agent(), "mcp-" + UUID.randomUUID());
        ToolCalls calls = new ToolCalls(Store.serial(session.coordinator()), session.clock(), session.log());
        return Revision.ofFirst(first) == Revision.STATELESS ? stateless(session, in, objects, caller, calls)
                : withSessions(session, in, objects, closed, caller, calls);
    }

    private static int withSessions(Stdio session, StdinLines in, ObjectMapper objects, CountDownLatch closed, Caller caller,
                                    ToolCalls calls) {
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(objects);
        // The end of input waits for the answers to what was read (StdinLines.answering): the SDK may
        // not even have taken a request in when its input ends, and closing then would drop it.
        var transport = new StdioServerTransportProvider(json, in, in.answering(session.out()));
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

    private static int stateless(Stdio session, StdinLines in, ObjectMapper objects, Caller caller, ToolCalls calls) {
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(objects);
        var server = StatelessServer.build(calls, request -> caller, session.version(), json,
                new DefaultJsonSchemaValidator(objects));
        // Ends when stdin does, once what was asked is answered (StdinLines.answering).
        new StdioMcpTransport(server, json, in, in.answering(session.out())).start().block();
        server.closeGracefully();
        return 0;
    }
}
