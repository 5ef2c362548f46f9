package dev.huddle.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.function.Function;

/**
 * The tool table as the 2025-11-25 (session) server takes it: each {@link Tool} with its
 * annotations and its call. {@link StatelessTools} is the same table for 2026-07-28.
 */
final class McpTools {

    private McpTools() {}

    /** {@code callerOf} tells who a call acts as, from its exchange (its session or its token). */
    static List<SyncToolSpecification> specifications(ToolCalls calls, Function<McpSyncServerExchange, Caller> callerOf) {
        return Tools.ALL.stream().map(tool -> SyncToolSpecification.builder().tool(describe(tool))
                .callHandler((exchange, request) -> result(calls.call(tool, callerOf.apply(exchange), request.arguments())))
                .build()).toList();
    }

    static McpSchema.Tool describe(Tool tool) {
        return McpSchema.Tool.builder().name(tool.name()).description(tool.description()).inputSchema(tool.input())
                .outputSchema(tool.outputSchema())
                .annotations(new McpSchema.ToolAnnotations(null, tool.hint().readOnly, tool.hint().destructive,
                        tool.hint().idempotent, false, null))
                .build();
    }

    static McpSchema.CallToolResult result(Answer answer) {
        var result = McpSchema.CallToolResult.builder().addTextContent(answer.text()).isError(answer.isError());
        return answer.structuredContent() == null ? result.build() : result.structuredContent(answer.structuredContent()).build();
    }
}
