package dev.huddle.mcp;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tool table as the 2026-07-28 (stateless) server takes it: the same {@link Tools} and
 * {@link ToolCalls} as {@link McpTools}, only put into that revision's records. One page, in the
 * table's order (the revision asks for a deterministic {@code tools/list}).
 */
final class StatelessTools implements McpSyncToolRepository {

    private final Map<String, McpSyncTool> tools = new LinkedHashMap<>();
    private final ToolsPage page;

    /** {@code callerOf} tells who a call acts as, from its request (its token, or the stdio process). */
    StatelessTools(ToolCalls calls, Function<McpRequestContext, Caller> callerOf) {
        for (Tool tool : Tools.ALL) {
            tools.put(tool.name(), McpSyncTool.of(describe(tool), (context, request) ->
                    McpSyncResponse.result(result(calls.call(tool, callerOf.apply(context), request.arguments())))));
        }
        page = ToolsPage.of(List.copyOf(tools.values().stream().map(McpSyncTool::definition).toList()));
    }

    @Override
    public ToolsPage list(McpRequestContext context, String cursor) {
        return page;
    }

    /** Null for a tool not in the table: the server answers that as a JSON-RPC error. */
    @Override
    public McpSyncTool find(McpRequestContext context, String name) {
        return tools.get(name);
    }

    static McpSchema.Tool describe(Tool tool) {
        return McpSchema.Tool.builder(tool.name(), tool.input()).description(tool.description())
                .outputSchema(tool.outputSchema())
                .annotations(new McpSchema.ToolAnnotations.Builder().readOnlyHint(tool.hint().readOnly)
                        .destructiveHint(tool.hint().destructive).idempotentHint(tool.hint().idempotent)
                        .openWorldHint(false).build())
                .build();
    }

    static McpSchema.CallToolResult result(Answer answer) {
        var result = McpSchema.CallToolResult.builder().addContent(McpSchema.TextContent.builder(answer.text()).build())
                .isError(answer.isError());
        return answer.structuredContent() == null ? result.build() : result.structuredContent(answer.structuredContent()).build();
    }
}
