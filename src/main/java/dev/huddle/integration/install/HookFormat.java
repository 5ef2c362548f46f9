package dev.huddle.integration.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one program's settings file holds hooks, as pure functions over the parsed document: the
 * input is never modified, a changed copy is returned. Everything else in the document is kept as
 * it was, in its order: other keys, other events, other hooks on the same event.
 */
interface HookFormat {

    /**
     * The document with Huddle's hooks in place: missing ones added after the existing hooks of
     * their event, Huddle's existing ones updated to {@code launcher} and the planned matcher.
     * Applied to its own result it changes nothing.
     *
     * @throws dev.huddle.core.HuddleException naming {@code file} when the document's hooks have an unexpected shape
     */
    Map<String, Object> install(Map<String, Object> document, List<PlannedHook> hooks, String launcher, Path file);

    /**
     * The document without Huddle's hooks; groups, events and the hooks object that held only them
     * go too, nothing else does.
     */
    Map<String, Object> uninstall(Map<String, Object> document, Path file);

    /** Whether what is left is what an installation into a missing file would have added besides the hooks. */
    boolean isBare(Map<String, Object> document);

    /** The format of {@code program}'s settings file. */
    static HookFormat of(Program program) {
        return of(program, Optional.empty());
    }

    /** The format of {@code program}'s settings file, writing HTTP hooks below {@code httpBase} when present (Claude Code). */
    static HookFormat of(Program program, Optional<String> httpBase) {
        return switch (program) {
            case CLAUDE, CODEX -> new NestedHooks(program, false, httpBase);
            case GEMINI -> new NestedHooks(program, true);
            case CURSOR -> new CursorHooks();
        };
    }
}
