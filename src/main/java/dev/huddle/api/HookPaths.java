package dev.huddle.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Claude Code's {@code "type": "http"} hooks post: one path per event, below the server's
 * base URL, and the health path {@code status} asks. The installer writes these URLs, {@code status}
 * recognises them, and the server's hook endpoints are to be mounted at them: one place, so the
 * three cannot drift apart.
 */
public final class HookPaths {

    /** Answers without a token; what {@code status} asks to learn whether a server is there. */
    public static final String HEALTH = "/api/v1/health";
    /** Below this, the kebab-case event name: {@code PreToolUse} posts to {@code .../claude/pre-tool-use}. */
    public static final String CLAUDE_PREFIX = "/api/v1/hooks/claude/";
    /** The Claude Code events Huddle handles over HTTP (SessionStart runs no HTTP hook: it stays a command hook). */
    public static final List<String> CLAUDE_EVENTS = List.of("UserPromptSubmit", "PreToolUse", "PostToolUse", "Stop",
            "SessionEnd");

    private HookPaths() {}

    /** The path for a Claude Code event: {@code /api/v1/hooks/claude/pre-tool-use}. */
    public static String claude(String event) {
        return CLAUDE_PREFIX + kebab(event);
    }

    /**
     * The event whose hook posts to {@code url} (any base URL before {@link #CLAUDE_PREFIX}), and the base
     * URL; empty for any other URL.
     */
    public static Optional<Match> claudeEvent(String url) {
        int at = url.lastIndexOf(CLAUDE_PREFIX);
        if (at < 0) {
            return Optional.empty();
        }
        String slug = url.substring(at + CLAUDE_PREFIX.length());
        return CLAUDE_EVENTS.stream().filter(e -> kebab(e).equals(slug)).findFirst()
                .map(e -> new Match(e, url.substring(0, at)));
    }

    /** An HTTP hook's event and the server's base URL it posts to. */
    public record Match(String event, String base) {}

    static String kebab(String event) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < event.length(); i++) {
            char c = event.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
