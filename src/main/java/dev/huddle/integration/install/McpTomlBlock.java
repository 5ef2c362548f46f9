package dev.huddle.integration.install;

import java.util.List;
import java.util.Optional;

/**
 * Huddle's MCP server in a Codex {@code config.toml}: {@code [mcp_servers.huddle]} with
 * {@code command} and {@code args = ["mcp"]}, inside a {@code # huddle:begin mcp} /
 * {@code # huddle:end mcp} block written and removed by {@link CodexConfig}'s block machinery, so
 * uninstall removes exactly that table and keeps anything Codex or the user put between the markers.
 * A {@code [mcp_servers.huddle]} the file already has outside the block is the user's: left alone.
 * The table says {@code required = true}: without it Codex 0.169 does not wait for the server before
 * the model's first request, so a session that starts faster than the JVM runs without Huddle's
 * tools (seen in e2e/ with {@code codex exec}); with it Codex waits, and refuses to start when
 * {@code huddle mcp} cannot (docs/decisions.md, issue 9).
 */
final class McpTomlBlock {

    static final String BLOCK_ID = "mcp";

    private McpTomlBlock() {}

    /** The config text with Huddle's block in place, or empty with the reason when it cannot be written. */
    static Result install(String config, String launcher) {
        String base = CodexConfig.removeBlock(config, BLOCK_ID);
        TomlOutline outline = TomlOutline.of(base);
        if (!outline.unreadable().isEmpty()) {
            return new Result(config, Optional.of("Huddle could not read line " + outline.unreadable().getFirst()
                    + " of the file, so it did not add [mcp_servers.huddle]; fix that line and install again"));
        }
        List<String> table = List.of("mcp_servers", McpServerEntry.NAME);
        boolean inline = outline.assignments().stream().anyMatch(a -> a.path().equals(List.of("mcp_servers")));
        boolean mentioned = outline.headers().stream().anyMatch(h -> startsWith(h.path(), table))
                || outline.assignments().stream().anyMatch(a -> startsWith(a.path(), table));
        if (inline || mentioned) {
            return new Result(config, Optional.of("the file already defines an MCP server named 'huddle'"
                    + (inline ? " (mcp_servers is set inline)" : "") + ": left as it is; remove it and install again"
                    + " to have Huddle manage it"));
        }
        String block = begin() + "\n"
                + "# huddle: Huddle's MCP server (stdio)\n"
                + "[mcp_servers.huddle]\n"
                + "command = " + CodexConfig.quoted(launcher) + "\n"
                + "args = [\"mcp\"]\n"
                + "required = true\n"
                + end() + "\n";
        if (config.contains(block)) {
            return new Result(config, Optional.empty());
        }
        String text = base.isEmpty() ? block : base + (base.endsWith("\n") ? "\n" : "\n\n") + block;
        return new Result(text, Optional.empty());
    }

    /** The config without Huddle's block. */
    static String uninstall(String config) {
        return CodexConfig.removeBlock(config, BLOCK_ID);
    }

    private static String begin() {
        return CodexConfig.begin(BLOCK_ID);
    }

    private static String end() {
        return CodexConfig.end(BLOCK_ID);
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** The new text and, when Huddle's table could not be added, why. */
    record Result(String text, Optional<String> problem) {}
}
