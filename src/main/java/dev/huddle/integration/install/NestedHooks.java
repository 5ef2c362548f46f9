package dev.huddle.integration.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The hooks shape Claude Code invented and Codex CLI and Gemini CLI adopted:
 * {@code {"hooks": {"<Event>": [{"matcher": "...", "hooks": [{"type": "command", "command": "..."}]}]}}}.
 * Huddle adds one group per event holding only its own handler, so its matcher never changes
 * which tools the user's own hooks see. Gemini's handlers also carry a {@code name}.
 */
final class NestedHooks implements HookFormat {

    private final Program program;
    private final boolean named;

    NestedHooks(Program program, boolean named) {
        this.program = program;
        this.named = named;
    }

    @Override
    public Map<String, Object> install(Map<String, Object> document, List<PlannedHook> hooks, String launcher, Path file) {
        Map<String, Object> root = JsonTree.copy(document);
        Map<String, Object> events = JsonTree.object(root, "hooks", file, "\"hooks\"");
        for (PlannedHook hook : hooks) {
            String command = HookCommand.of(launcher, program, hook.event());
            List<Object> groups = JsonTree.array(events, hook.event(), file, "\"hooks\"." + hook.event());
            if (!updateExisting(groups, hook, command)) {
                groups.add(group(hook, command));
            }
        }
        return root;
    }

    /** Brings Huddle's existing handler for the event up to date; false when there is none. */
    private boolean updateExisting(List<Object> groups, PlannedHook hook, String command) {
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Object> group = JsonTree.asObject(groups.get(g));
            List<Object> handlers = group == null ? null : JsonTree.asArray(group.get("hooks"));
            if (handlers == null) {
                continue;
            }
            for (Object h : handlers) {
                Map<String, Object> handler = JsonTree.asObject(h);
                if (handler != null && ours(handler).filter(hook.event()::equals).isPresent()) {
                    handler.put("command", command);
                    if (handlers.size() == 1 && !Objects.equals(group.get("matcher"), hook.matcher().orElse(null))) {
                        groups.set(g, withMatcher(group, hook.matcher()));
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Object> withMatcher(Map<String, Object> group, Optional<String> matcher) {
        if (matcher.isEmpty()) {
            group.remove("matcher");
            return group;
        }
        return JsonTree.withFirst(group, "matcher", matcher.get());
    }

    private Map<String, Object> group(PlannedHook hook, String command) {
        Map<String, Object> handler = new LinkedHashMap<>();
        if (named) {
            handler.put("name", "huddle");
        }
        handler.put("type", "command");
        handler.put("command", command);
        Map<String, Object> group = new LinkedHashMap<>();
        hook.matcher().ifPresent(m -> group.put("matcher", m));
        group.put("hooks", new ArrayList<>(List.of(handler)));
        return group;
    }

    @Override
    public Map<String, Object> uninstall(Map<String, Object> document, Path file) {
        return JsonTree.withoutOurs(document, this::removeFrom);
    }

    /** Removes Huddle's handlers, and the groups they leave empty; true when anything went. */
    private boolean removeFrom(List<Object> groups) {
        boolean removed = false;
        for (Iterator<Object> git = groups.iterator(); git.hasNext(); ) {
            Map<String, Object> group = JsonTree.asObject(git.next());
            List<Object> handlers = group == null ? null : JsonTree.asArray(group.get("hooks"));
            if (handlers != null && handlers.removeIf(h -> JsonTree.asObject(h) != null && ours(JsonTree.asObject(h)).isPresent())) {
                removed = true;
                if (handlers.isEmpty()) {
                    git.remove();
                }
            }
        }
        return removed;
    }

    private Optional<String> ours(Map<String, Object> handler) {
        return handler.get("command") instanceof String command && "command".equals(handler.getOrDefault("type", "command"))
                ? HookCommand.event(command, program) : Optional.empty();
    }

    @Override
    public boolean isBare(Map<String, Object> document) {
        return document.isEmpty();
    }

    /**
     * Where each of Huddle's handlers sits: event, group index and handler index, as Codex keys
     * its trust records ({@code <hooks.json>:<event>:<group>:<handler>}).
     */
    List<Position> positions(Map<String, Object> document) {
        List<Position> out = new ArrayList<>();
        Map<String, Object> events = JsonTree.asObject(document.get("hooks"));
        if (events == null) {
            return out;
        }
        events.forEach((event, value) -> {
            List<Object> groups = JsonTree.asArray(value);
            for (int g = 0; groups != null && g < groups.size(); g++) {
                Map<String, Object> group = JsonTree.asObject(groups.get(g));
                List<Object> handlers = group == null ? null : JsonTree.asArray(group.get("hooks"));
                for (int h = 0; handlers != null && h < handlers.size(); h++) {
                    Map<String, Object> handler = JsonTree.asObject(handlers.get(h));
                    if (handler != null && ours(handler).isPresent()) {
                        out.add(new Position(event, g, h, (String) handler.get("command"),
                                Optional.ofNullable(group.get("matcher") instanceof String m ? m : null),
                                handler.get("timeout") instanceof Number n ? n.longValue() : null));
                    }
                }
            }
        });
        return out;
    }

    /** One of Huddle's handlers in a nested hooks document. {@code timeout} is null when the handler sets none. */
    record Position(String event, int group, int handler, String command, Optional<String> matcher, Long timeout) {}
}
