package dev.huddle.integration.install;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cursor's hooks file ({@code .cursor/hooks.json}, {@code ~/.cursor/hooks.json}):
 * {@code {"version": 1, "hooks": {"<event>": [{"command": "...", "matcher": "..."}]}}}, event names
 * in Cursor's camelCase. Handlers sit directly in the event's list, each with its own matcher.
 */
final class CursorHooks implements HookFormat {

    @Override
    public Map<String, Object> install(Map<String, Object> document, List<PlannedHook> hooks, String launcher, Path file) {
        Map<String, Object> root = JsonTree.copy(document);
        if (!root.containsKey("version")) {
            root = JsonTree.withFirst(root, "version", 1);
        }
        Map<String, Object> events = JsonTree.object(root, "hooks", file, "\"hooks\"");
        for (PlannedHook hook : hooks) {
            String command = HookCommand.of(launcher, Program.CURSOR, hook.event());
            List<Object> handlers = JsonTree.array(events, hook.event(), file, "\"hooks\"." + hook.event());
            Map<String, Object> existing = handlers.stream().map(JsonTree::asObject)
                    .filter(h -> h != null && ours(h, hook.event())).findFirst().orElse(null);
            if (existing == null) {
                Map<String, Object> handler = new LinkedHashMap<>();
                handler.put("command", command);
                hook.matcher().ifPresent(m -> handler.put("matcher", m));
                handlers.add(handler);
            } else {
                existing.put("command", command);
                if (!Objects.equals(existing.get("matcher"), hook.matcher().orElse(null))) {
                    hook.matcher().ifPresentOrElse(m -> existing.put("matcher", m), () -> existing.remove("matcher"));
                }
            }
        }
        return root;
    }

    @Override
    public Map<String, Object> uninstall(Map<String, Object> document, Path file) {
        return JsonTree.withoutOurs(document,
                handlers -> handlers.removeIf(h -> JsonTree.asObject(h) != null && ours(JsonTree.asObject(h), null)));
    }

    /** Whether the handler is Huddle's (for {@code event}, or for any event when null). */
    private static boolean ours(Map<String, Object> handler, String event) {
        return handler.get("command") instanceof String command
                && HookCommand.event(command, Program.CURSOR).filter(e -> event == null || e.equals(event)).isPresent();
    }

    @Override
    public boolean isBare(Map<String, Object> document) {
        return document.isEmpty() || document.size() == 1 && isOne(document.get("version"));
    }

    private static boolean isOne(Object version) {
        return version instanceof Number n && new BigDecimal(n.toString()).compareTo(BigDecimal.ONE) == 0;
    }
}
