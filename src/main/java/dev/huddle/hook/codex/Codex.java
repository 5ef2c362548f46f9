package dev.huddle.hook.codex;

import dev.huddle.hook.Answer;
import dev.huddle.hook.HookEvent;
import dev.huddle.hook.Payload;
import dev.huddle.hook.Program;
import dev.huddle.hook.Reply;
import dev.huddle.hook.ToolWrites;
import dev.huddle.hook.claude.ClaudeCode;

/**
 * Codex CLI (recorded: 0.169.0). Its events and answers are Claude Code's; its tools are not:
 * shell commands arrive as {@code Bash {command}} and file edits as {@code apply_patch}, whose
 * {@code tool_input.command} is the whole patch text, paths as the model wrote them (relative to
 * the payload's cwd). No session id reaches the environment, so commands the model runs name
 * their agent with {@code --agent} (the session-start context says which).
 */
public final class Codex implements Program {

    private final ClaudeCode events = new ClaudeCode();

    @Override
    public String name() {
        return "codex";
    }

    @Override
    public HookEvent event(String normalName) {
        return events.event(normalName);
    }

    @Override
    public String eventName(HookEvent event) {
        return events.eventName(event);
    }



    @Override
    public ToolWrites writes(HookEvent event, Payload payload) {
        String tool = payload.text("tool_name");
        Payload input = payload.object("tool_input");
        if (tool == null) {
            return ToolWrites.none();
        }
        return switch (tool) {
            case "apply_patch" -> ToolWrites.patch(tool, input.text("command"));
            case "Bash", "shell", "exec_command", "local_shell" -> ToolWrites.shell(tool, input.anyText("command", "cmd"),
                    input.directory("workdir"));
            case "Write", "Edit", "MultiEdit" -> ToolWrites.file(tool, input.text("file_path"), "file_path");
            default -> ToolWrites.none();
        };
    }

    @Override
    public Reply reply(HookEvent event, Answer answer) {
        return ClaudeCode.claudeStyle(event, eventName(event), answer);
    }
}
