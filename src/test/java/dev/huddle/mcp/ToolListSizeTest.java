package dev.huddle.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole {@code tools/list} answer stays under 3,000 tokens (characters / 4, as the MCP harness
 * estimates it): the price every agent pays in context for Huddle's MCP server (issue 9).
 */
class ToolListSizeTest {

    static final int MAX_TOKENS = 3_000;

    @Test
    void toolsList_isTheTwelveTools_underThreeThousandTokens() throws Exception {
        List<McpSchema.Tool> tools = Tools.ALL.stream().map(McpTools::describe).toList();
        String json = new JacksonMcpJsonMapper(new ObjectMapper()).writeValueAsString(new McpSchema.ListToolsResult(tools, null));

        int tokens = json.length() / 4;
        System.out.println("tools/list: " + tools.size() + " tools, " + json.length() + " chars, ~" + tokens + " tokens (chars/4)");
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("start_session", "send", "inbox", "ack",
                "reserve", "release", "check", "ready", "claim", "done", "frontier", "status");
        assertThat(tokens).isLessThanOrEqualTo(MAX_TOKENS);
    }

    @Test
    void everyTool_hasAnObjectInputSchema_anOutputSchema_andAllThreeHints() {
        for (Tool tool : Tools.ALL) {
            McpSchema.Tool described = McpTools.describe(tool);
            assertThat(described.inputSchema()).as(tool.name()).containsEntry("type", "object");
            assertThat(described.outputSchema()).as(tool.name()).containsEntry("type", "object");
            assertThat(described.annotations().readOnlyHint()).as(tool.name()).isNotNull();
            assertThat(described.annotations().destructiveHint()).as(tool.name()).isNotNull();
            assertThat(described.annotations().idempotentHint()).as(tool.name()).isNotNull();
            assertThat(described.description()).as(tool.name()).isNotBlank().hasSizeLessThan(160);
        }
    }

    /** One table for both revisions: 2026-07-28's {@code tools/list} says exactly what 2025-11-25's does. */
    @Test
    void theStatelessRevision_listsTheSameTools_byteForByte() throws Exception {
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        for (Tool tool : Tools.ALL) {
            assertThat(json.writeValueAsString(StatelessTools.describe(tool))).as(tool.name())
                    .isEqualTo(json.writeValueAsString(McpTools.describe(tool)));
        }
    }

    @Test
    void readOnlyHint_followsTheOperationsTable() {
        for (Tool tool : Tools.ALL) {
            if (tool.hint() == Tool.Hint.READ) {
                assertThat(tool.operation().readOnly()).as(tool.name()).isTrue();
            }
        }
    }
}
