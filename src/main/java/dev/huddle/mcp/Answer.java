package dev.huddle.mcp;

import java.util.Map;

/**
 * A tool call's answer before any protocol revision shapes it: each revision's server turns it
 * into its own {@code CallToolResult} (2025-11-25 in {@link McpTools}, 2026-07-28 in
 * {@link StatelessTools}), so both say exactly the same.
 *
 * @param structuredContent the result as JSON (null for an error)
 * @param text              the same result as text, or the error's words
 */
record Answer(boolean isError, String text, Map<String, Object> structuredContent) {

    static Answer error(String text) {
        return new Answer(true, text, null);
    }
}
