package dev.huddle.integration.install;

import dev.huddle.api.HookPaths;
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
 *
 * <p>For Claude Code the handlers may instead be {@code "type": "http"} hooks posting to a Huddle
 * server ({@link HookPaths}); a handler is Huddle's when its URL ends in one of those paths.
 * Installing one kind replaces Huddle's handlers of the other kind in place, never the user's.
 */
final class NestedHooks implements HookFormat {

    /** Seconds Claude Code waits for an HTTP hook: the server answers in milliseconds, so this only bounds a hung one. */
    static final int HTTP_TIMEOUT_SECONDS = 10;

    private final Program program;
    private final boolean named;
    private final Optional<String> httpBase;

    NestedHooks(Program program, boolean named) {
        this(program, named, Optional.empty());
    }

    /** With {@code httpBase}, Claude Code's events other than SessionStart get HTTP hooks posting below it. */
    NestedHooks(Program program, boolean named, Optional<String> httpBase) {
        this.program = program;
        this.named = named;
        this.httpBase = httpBase;
    }

    @Override
    public Map<String, Object> install(Map<String, Object> document, List<PlannedHook> hooks, String launcher, Path file) {
        Map<String, Object> root = JsonTree.copy(document);
        Map<String, Object> events = JsonTree.object(root, "hooks", file, "\"hooks\"");
        for (PlannedHook hook : hooks) {
            Map<String, Object> handler = handler(hook.event(), launcher);
            List<Object> groups = JsonTree.array(events, hook.event(), file, "\"hooks\"." + hook.event());
            if (!updateExisting(groups, hook, handler)) {
                groups.add(group(hook, handler));
            }
        }
        return root;
    }

    /** The handler Huddle wants for the event: an HTTP hook when installing them and the event has one, else the command. */
    private Map<String, Object> handler(String event, String launcher) {
        Map<String, Object> handler = new LinkedHashMap<>();
        if (named) {
            handler.put("name", "huddle");
        }
        if (httpBase.isPresent() && program == Program.CLAUDE && HookPaths.CLAUDE_EVENTS.contains(event)) {
            handler.put("type", "http");
            handler.put("url", httpBase.get() + HookPaths.claude(event));
            // the token stays in the agent program's environment: Claude Code fills in only the variables listed
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer $" + TOKEN_VARIABLE);
            handler.put("headers", headers);
            handler.put("allowedEnvVars", new ArrayList<>(List.of(TOKEN_VARIABLE)));
            handler.put("timeout", HTTP_TIMEOUT_SECONDS);
            if (event.equals("PreToolUse")) {
                handler.put("onFailure", "block"); // an unreachable server refuses the edit instead of allowing it
            }
            return handler;
        }
        handler.put("type", "command");
        // Beside HTTP hooks, the command hook (SessionStart) goes to the same server, with the same token,
        // so the session is bound to the token's agent there rather than to a new agent on the file.
        handler.put("command", httpBase.isPresent() && program == Program.CLAUDE
                ? HookCommand.of(launcher, program, event, httpBase.get()) : HookCommand.of(launcher, program, event));
        return handler;
    }

    /** The environment variable whose value the HTTP hooks send as their bearer token. */
    static final String TOKEN_VARIABLE = "HUDDLE_TOKEN";

    /**
     * Brings Huddle's existing handler for the event up to date, in place: a handler of the same kind
     * keeps any key the user added, one of the other kind (command and HTTP switched) is replaced.
     * False when there is none.
     */
    private boolean updateExisting(List<Object> groups, PlannedHook hook, Map<String, Object> wanted) {
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Object> group = JsonTree.asObject(groups.get(g));
            List<Object> handlers = group == null ? null : JsonTree.asArray(group.get("hooks"));
            if (handlers == null) {
                continue;
            }
            for (int h = 0; h < handlers.size(); h++) {
                Map<String, Object> handler = JsonTree.asObject(handlers.get(h));
                if (handler != null && ours(handler).filter(hook.event()::equals).isPresent()) {
                    if (Objects.equals(handler.getOrDefault("type", "command"), wanted.get("type"))) {
                        handler.putAll(wanted);
                    } else {
                        handlers.set(h, wanted);
                    }
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

    private static Map<String, Object> group(PlannedHook hook, Map<String, Object> handler) {
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

    /** The event of one of Huddle's handlers: its command hook, or (Claude Code) its HTTP hook; empty for the user's. */
    private Optional<String> ours(Map<String, Object> handler) {
        Object type = handler.getOrDefault("type", "command");
        if ("command".equals(type)) {
            return handler.get("command") instanceof String command ? HookCommand.event(command, program) : Optional.empty();
        }
        if ("http".equals(type) && program == Program.CLAUDE && handler.get("url") instanceof String url) {
            return HookPaths.claudeEvent(url).map(HookPaths.Match::event);
        }
        return Optional.empty();
    }

    /** The base URLs Huddle's HTTP hooks in the document post to, in the order they appear. */
    List<String> httpBases(Map<String, Object> document) {
        List<String> bases = new ArrayList<>();
        Map<String, Object> events = JsonTree.asObject(document.get("hooks"));
        if (events == null || program != Program.CLAUDE) {
            return bases;
        }
        for (Object value : events.values()) {
            List<Object> groups = JsonTree.asArray(value);
            for (int g = 0; groups != null && g < groups.size(); g++) {
                Map<String, Object> group = JsonTree.asObject(groups.get(g));
                List<Object> handlers = group == null ? null : JsonTree.asArray(group.get("hooks"));
                for (int h = 0; handlers != null && h < handlers.size(); h++) {
                    Map<String, Object> handler = JsonTree.asObject(handlers.get(h));
                    if (handler != null && "http".equals(handler.get("type")) && handler.get("url") instanceof String url) {
                        HookPaths.claudeEvent(url).map(HookPaths.Match::base).filter(b -> !bases.contains(b)).ifPresent(bases::add);
                    }
                }
            }
        }
        return bases;
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
