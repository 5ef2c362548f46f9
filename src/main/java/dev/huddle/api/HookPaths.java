package dev.huddle.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where hooks post: one path per program and event, below the server's base URL, and the health
 * path {@code status} asks. Claude Code's {@code "type": "http"} hooks post there directly (the
 * installer writes these URLs, {@code status} recognises them); the command hooks of every program
 * post there when a server is configured ({@code huddle hook PROGRAM EVENT} with {@code HUDDLE_URL}).
 * One place, so the installer, the command hook and the server cannot drift apart.
 */
public final class HookPaths {

    /** Answers without a token; what {@code status} asks to learn whether a server is there. */
    public static final String HEALTH = "/api/v1/health";
    /**
     * The largest payload a hook reads (a Write's payload carries the whole file): the command hook's
     * stdin and the hook endpoints' request body alike.
     */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;
    /** Below this, the program and the kebab-case event name: {@code /api/v1/hooks/codex/pre-tool-use}. */
    public static final String PREFIX = "/api/v1/hooks/";
    /** Below this, the kebab-case event name: {@code PreToolUse} posts to {@code .../claude/pre-tool-use}. */
    public static final String CLAUDE_PREFIX = PREFIX + "claude/";

    /**
     * A command hook's request: with this header ({@value #COMMAND_FORM}) the answer is the whole
     * reply of the command, {@code {"stdout","exit_code","notice"}}, instead of the stdout alone an
     * HTTP hook of Claude Code reads.
     */
    public static final String FORM_HEADER = "Huddle-Hook-Form";
    public static final String COMMAND_FORM = "command";
    /** The agent the command hook names ({@code --agent}, {@code HUDDLE_AGENT}). */
    public static final String AGENT_HEADER = "Huddle-Hook-Agent";
    /** The session id the command hook found in its environment, when the payload has none. */
    public static final String SESSION_HEADER = "Huddle-Hook-Session";
    /** The command hook's working directory, when the payload names none (percent-encoded UTF-8). */
    public static final String CWD_HEADER = "Huddle-Hook-Cwd";
    /** The Claude Code events Huddle handles over HTTP (SessionStart runs no HTTP hook: it stays a command hook). */
    public static final List<String> CLAUDE_EVENTS = List.of("UserPromptSubmit", "PreToolUse", "PostToolUse", "Stop",
            "SessionEnd");

    private HookPaths() {}

    /** The path for a Claude Code event: {@code /api/v1/hooks/claude/pre-tool-use}. */
    public static String claude(String event) {
        return CLAUDE_PREFIX + kebab(event);
    }

    /** The path for a program's event, in the program's own spelling: {@code /api/v1/hooks/gemini/before-tool}. */
    public static String hook(String program, String event) {
        return PREFIX + program + "/" + kebab(event);
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
