package dev.huddle.hook;

import dev.huddle.hook.claude.ClaudeCode;
import dev.huddle.hook.codex.Codex;
import dev.huddle.hook.cursor.Cursor;
import dev.huddle.hook.gemini.GeminiCli;
import java.util.List;

/** The agent programs Huddle answers hooks for, by the name {@code huddle hook NAME} takes. */
public final class Programs {

    private Programs() {}

    /** One adapter of each program, for the server's hook routes. */
    public static List<Program> all() {
        return List.of(new ClaudeCode(), new Codex(), new GeminiCli(), new Cursor());
    }

    /** The program called {@code name} (its own name or its package's), or null. */
    public static Program named(String name) {
        return switch (name) {
            case "claude", "claude-code" -> new ClaudeCode();
            case "codex" -> new Codex();
            case "gemini", "gemini-cli" -> new GeminiCli();
            case "cursor" -> new Cursor();
            default -> null;
        };
    }

    /** The events a program's hooks report that Huddle acts on (not {@link HookEvent#OTHER}). */
    public static List<HookEvent> handled() {
        return List.of(HookEvent.SESSION_START, HookEvent.PROMPT, HookEvent.PRE_TOOL, HookEvent.POST_TOOL,
                HookEvent.STOP, HookEvent.SESSION_END);
    }
}
