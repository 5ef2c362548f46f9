package dev.huddle.hook;

/**
 * The moments of an agent's session Huddle acts on, whatever each program calls them
 * (DESIGN §5 "Hooks"). {@link #OTHER} is every event Huddle has nothing to do at: it answers
 * those with no opinion.
 */
public enum HookEvent {
    /** A session starts or resumes: register, heartbeat, inject the context. */
    SESSION_START,
    /** The user submitted a prompt: push undelivered messages into the context. */
    PROMPT,
    /** A tool is about to run: refuse an edit of a path another agent holds. */
    PRE_TOOL,
    /** A tool ran: record an edit, renew the agent's leases on it. */
    POST_TOOL,
    /** The turn is about to end: hold it back while directed messages wait. */
    STOP,
    /** The session ended: go idle, or leave when configured. */
    SESSION_END,
    /** Anything else the program reports. */
    OTHER;

    /**
     * The spelling-independent form of an event name: lower case without {@code -} and {@code _},
     * so {@code pre-tool-use}, {@code PreToolUse} and {@code pre_tool_use} are one name.
     */
    public static String normal(String name) {
        StringBuilder s = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_' && c != ' ') {
                s.append(Character.toLowerCase(c));
            }
        }
        return s.toString();
    }

    /** The events every program shares by name (Claude Code's, which Codex uses too). */
    public static HookEvent common(String normal) {
        return switch (normal) {
            case "sessionstart" -> SESSION_START;
            case "userpromptsubmit" -> PROMPT;
            case "pretooluse" -> PRE_TOOL;
            case "posttooluse" -> POST_TOOL;
            case "stop" -> STOP;
            case "sessionend" -> SESSION_END;
            default -> null;
        };
    }
}
