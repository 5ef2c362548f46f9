package dev.huddle.integration.install;

import java.util.List;
import java.util.Optional;

/**
 * One hook Huddle installs: the event in the program's own spelling and, for tool events, the
 * matcher that selects the tools that write files. The adapters behind
 * {@code huddle hook <program> <event>} accept these spellings (DESIGN §9).
 */
public record PlannedHook(String event, Optional<String> matcher) {

    /** Claude Code's writing tools, and Bash, whose commands may write files (MultiEdit is gone since 2.1 but harmless). */
    static final String CLAUDE_TOOLS = "Edit|Write|MultiEdit|NotebookEdit|Bash";
    /** Codex sends shell commands as Bash and edits as apply_patch; Edit and Write are kept for older versions. */
    static final String CODEX_TOOLS = "Bash|apply_patch|Edit|Write";
    /** Gemini CLI's writing tools: its matcher is a regular expression on its own tool names. */
    static final String GEMINI_TOOLS = "write_file|replace|edit|run_shell_command";

    static PlannedHook on(String event) {
        return new PlannedHook(event, Optional.empty());
    }

    static PlannedHook on(String event, String matcher) {
        return new PlannedHook(event, Optional.of(matcher));
    }

    /** Every hook Huddle installs for {@code program}, in the order they are written. */
    public static List<PlannedHook> of(Program program) {
        return switch (program) {
            case CLAUDE -> List.of(on("SessionStart"), on("UserPromptSubmit"), on("PreToolUse", CLAUDE_TOOLS),
                    on("PostToolUse", CLAUDE_TOOLS), on("Stop"), on("SessionEnd"));
            case CODEX -> List.of(on("SessionStart"), on("UserPromptSubmit"), on("PreToolUse", CODEX_TOOLS),
                    on("PostToolUse", CODEX_TOOLS), on("Stop"), on("SessionEnd"));
            case GEMINI -> List.of(on("SessionStart"), on("BeforeAgent"), on("BeforeTool", GEMINI_TOOLS),
                    on("AfterTool", GEMINI_TOOLS), on("AfterAgent"), on("SessionEnd"));
            // Cursor's tool names are not recorded anywhere Huddle can test against, so preToolUse gets
            // no matcher (the adapter lets reads through); beforeShellExecution and the after-events
            // are the older, stable ones, kept for Cursor versions without preToolUse.
            case CURSOR -> List.of(on("sessionStart"), on("beforeSubmitPrompt"), on("preToolUse"),
                    on("beforeShellExecution"), on("afterFileEdit"), on("afterShellExecution"), on("stop"),
                    on("sessionEnd"));
        };
    }
}
