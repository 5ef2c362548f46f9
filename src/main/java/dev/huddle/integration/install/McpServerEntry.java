package dev.huddle.integration.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Huddle's MCP server entry, {@code "huddle": {"command": "<launcher>", "args": ["mcp"]}}, under
 * {@code "mcpServers"} in a JSON config (Claude Code, Gemini CLI, Cursor). The entry named
 * {@code huddle} is Huddle's when its command's file name is {@code huddle} and its arguments are
 * exactly {@code ["mcp"]}: a re-install after the launcher moved updates it, and any other entry of
 * that name is the user's and is left alone.
 *
 * <p>Claude Code's entry also says {@code "alwaysLoad": true}: without it Claude Code 2.1.329 starts
 * the server without waiting and defers its tools behind its ToolSearch tool (schemas not in the
 * prompt), and a server that answers after the first model request is built (a JVM on a loaded
 * machine) is not in that request at all; with it Claude Code waits for the server (up to 5 s) and
 * offers the tools directly (docs/decisions.md, "Claude Code: Huddle's MCP tools always loaded").
 * An entry an earlier Huddle wrote without it gets it on the next install.
 */
final class McpServerEntry {

    static final String NAME = "huddle";
    static final String KEY = "mcpServers";
    static final String ALWAYS_LOAD = "alwaysLoad";

    private McpServerEntry() {}

    /** The JSON entry install writes; {@code alwaysLoad} for Claude Code only (the others do not know the key). */
    static Map<String, Object> of(String launcher, boolean alwaysLoad) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("command", launcher);
        entry.put("args", new ArrayList<>(List.of("mcp")));
        if (alwaysLoad) {
            entry.put(ALWAYS_LOAD, true);
        }
        return entry;
    }

    /** Whether a {@code huddle} server entry (any shape) is the one Huddle writes. */
    static boolean ours(Object entry) {
        Map<String, Object> m = JsonTree.asObject(entry);
        if (m == null || !(m.get("command") instanceof String command) || !List.of("mcp").equals(m.get("args"))) {
            return false;
        }
        String name = command.substring(command.lastIndexOf('/') + 1);
        return name.equals("huddle") && m.keySet().stream().allMatch(k -> k.equals("command") || k.equals("args")
                || k.equals("type") && "stdio".equals(m.get("type")) || k.equals(ALWAYS_LOAD) && m.get(k) instanceof Boolean);
    }

    /**
     * The document with Huddle's entry in place; empty when a {@code huddle} entry the user wrote
     * is in the way (left as it is, reported by the caller).
     */
    static Optional<Map<String, Object>> install(Map<String, Object> document, String launcher, boolean alwaysLoad,
                                                 Path file) {
        Map<String, Object> root = JsonTree.copy(document);
        Map<String, Object> servers = JsonTree.object(root, KEY, file, "\"" + KEY + "\"");
        Object existing = servers.get(NAME);
        if (existing != null && !ours(existing)) {
            return Optional.empty();
        }
        Map<String, Object> entry = JsonTree.asObject(existing);
        if (entry == null || !launcher.equals(entry.get("command"))) {
            servers.put(NAME, of(launcher, alwaysLoad));
        } else if (alwaysLoad && !Boolean.TRUE.equals(entry.get(ALWAYS_LOAD))) {
            entry.put(ALWAYS_LOAD, true);
        }
        return Optional.of(root);
    }

    /** The document without Huddle's entry; {@code "mcpServers"} goes too when nothing else is left in it. */
    static Map<String, Object> uninstall(Map<String, Object> document) {
        Map<String, Object> root = JsonTree.copy(document);
        Map<String, Object> servers = JsonTree.asObject(root.get(KEY));
        if (servers == null || !ours(servers.get(NAME))) {
            return root;
        }
        servers.remove(NAME);
        if (servers.isEmpty()) {
            root.remove(KEY);
        }
        return root;
    }
}
