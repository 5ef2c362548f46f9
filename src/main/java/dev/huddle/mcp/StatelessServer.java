package dev.huddle.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.RequestStateCodec;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import java.time.Duration;
import java.util.function.Function;

/**
 * The SDK's 2026-07-28 server (package {@code modern}) with Huddle's tools, for stdio and HTTP
 * alike: {@code server/discover}, {@code tools/list}, {@code tools/call}, each request on its
 * own, its version in its {@code _meta}.
 */
final class StatelessServer {

    /** How long a client may keep {@code tools/list} and {@code server/discover}: they change only with a new release. */
    private static final long CACHE_MS = Duration.ofHours(1).toMillis();

    private StatelessServer() {}

    static McpServer build(ToolCalls calls, Function<McpRequestContext, Caller> callerOf, String version,
                           McpJsonMapper json, JsonSchemaValidator validator) {
        // Private: the answers sit behind a bearer token, so no shared cache should keep them.
        return McpServer.builder().serverInfo(McpSchema.Implementation.builder("huddle", version).build())
                .instructions(McpMain.INSTRUCTIONS).jsonMapper(json)
                .feature(ToolsFeature.ofSync(new StatelessTools(calls, callerOf), json, validator, CACHE_MS,
                        McpSchema.CacheScope.PRIVATE))
                .discoverCache(CACHE_MS, McpSchema.CacheScope.PRIVATE)
                .requestStateCodec(NO_STATE)
                .build();
    }

    /**
     * Huddle's tools never answer {@code input_required}, so they seal no {@code requestState}:
     * this stands in for the SDK's default HMAC codec, which would only warn on every start that
     * it made up a key.
     */
    private static final RequestStateCodec NO_STATE = new RequestStateCodec() {
        @Override
        public String seal(McpRequestContext context, String state) {
            throw new IllegalStateException("Huddle's MCP tools ask for no further input");
        }

        @Override
        public String open(McpRequestContext context, String sealed) {
            throw McpException.invalidParams("this server issues no requestState");
        }
    };
}
