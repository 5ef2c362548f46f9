package dev.huddle.hook.claude;

import dev.huddle.hook.Answer;
import dev.huddle.hook.HookEvent;
import dev.huddle.hook.HookJson;
import dev.huddle.hook.Payload;
import dev.huddle.hook.Program;
import dev.huddle.hook.Reply;
import dev.huddle.hook.ToolWrites;

/**
 * Claude Code (recorded: 2.1.329). Answers are JSON on stdout with exit 0: the PreToolUse deny
 * ({@code permissionDecision: "deny"}) blocks also under bypassPermissions and inside subagents,
 * and the model reads the reason without the hook's command line (exit 2 would prefix it).
 * Context goes in {@code additionalContext} (SessionStart, UserPromptSubmit, PostToolUse); a
 * Stop is held back with {@code {"decision":"block"}}. Subagents report the parent's session id,
 * so they act as the parent's agent and may edit what it holds.
 */
public final class ClaudeCode implements Program {

    @Override
    public String name() {
        return "claude";
    }

    @Override
    public HookEvent event(String normalName) {
        HookEvent e = HookEvent.common(normalName);
        return e != null ? e : HookEvent.OTHER;
    }

    @Override
    public String eventName(HookEvent event) {
        return switch (event) {
            case SESSION_START -> "SessionStart";
            case PROMPT -> "UserPromptSubmit";
            case PRE_TOOL -> "PreToolUse";
            case POST_TOOL -> "PostToolUse";
            case STOP -> "Stop";
            case SESSION_END -> "SessionEnd";
            case OTHER -> "";
        };
    }

    @Override
    public String sessionVariable() {
        return "CLAUDE_CODE_SESSION_ID";
    }

    @Override
    public ToolWrites writes(HookEvent event, Payload payload) {
        String tool = payload.text("tool_name");
        Payload input = payload.object("tool_input");
        if (tool == null) {
            return ToolWrites.none();
        }
        return switch (tool) {
            case "Write", "Edit", "MultiEdit" -> ToolWrites.file(tool, input.text("file_path"), "file_path");
            case "NotebookEdit" -> ToolWrites.file(tool, input.text("notebook_path"), "notebook_path");
            case "Bash" -> ToolWrites.shell(tool, input.text("command"), null);
            default -> ToolWrites.none();
        };
    }

    @Override
    public Reply reply(HookEvent event, Answer answer) {
        return claudeStyle(event, eventName(event), answer);
    }

    /** Claude Code's protocol, which Codex speaks too. */
    public static Reply claudeStyle(HookEvent event, String eventName, Answer answer) {
        return switch (answer.kind()) {
            case NOTHING -> Reply.SILENT;
            case CONTEXT -> HookJson.context(eventName, answer.text());
            case DENY -> HookJson.permissionDenied(answer.text());
            case BLOCK -> HookJson.decision("block", answer.text());
            case ALLOW_WITH_WARNING -> HookJson.systemMessage(answer.text());
        };
    }
}
