package dev.huddle.hook.gemini;

import dev.huddle.hook.Answer;
import dev.huddle.hook.HookEvent;
import dev.huddle.hook.HookJson;
import dev.huddle.hook.Payload;
import dev.huddle.hook.Program;
import dev.huddle.hook.Reply;
import dev.huddle.hook.ToolWrites;
import java.nio.file.Path;

/**
 * Gemini CLI (recorded: 0.61.0). Its own event names (BeforeAgent for a prompt, BeforeTool,
 * AfterTool, AfterAgent for the end of a turn) and tools ({@code write_file}, {@code replace},
 * {@code run_shell_command}). It ignores Claude Code's {@code permissionDecision}: a refused edit
 * is {@code {"decision":"deny","reason":R}}, a held-back turn {@code {"decision":"block"}}.
 * Context goes in {@code hookSpecificOutput.additionalContext}, which it wraps in
 * {@code <hook_context>}.
 */
public final class GeminiCli implements Program {

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public HookEvent event(String normalName) {
        return switch (normalName) {
            case "sessionstart" -> HookEvent.SESSION_START;
            case "beforeagent", "userpromptsubmit" -> HookEvent.PROMPT;
            case "beforetool", "pretooluse" -> HookEvent.PRE_TOOL;
            case "aftertool", "posttooluse" -> HookEvent.POST_TOOL;
            case "afteragent", "stop" -> HookEvent.STOP;
            case "sessionend" -> HookEvent.SESSION_END;
            default -> HookEvent.OTHER;
        };
    }

    @Override
    public String eventName(HookEvent event) {
        return switch (event) {
            case SESSION_START -> "SessionStart";
            case PROMPT -> "BeforeAgent";
            case PRE_TOOL -> "BeforeTool";
            case POST_TOOL -> "AfterTool";
            case STOP -> "AfterAgent";
            case SESSION_END -> "SessionEnd";
            case OTHER -> "";
        };
    }

    @Override
    public String sessionVariable() {
        return "GEMINI_SESSION_ID";
    }


    @Override
    public ToolWrites writes(HookEvent event, Payload payload) {
        String tool = payload.text("tool_name");
        Payload input = payload.object("tool_input");
        if (tool == null) {
            return ToolWrites.none();
        }
        return switch (tool) {
            case "write_file", "replace", "edit" -> ToolWrites.file(tool, input.text("file_path"), "file_path");
            case "run_shell_command" -> ToolWrites.shell(tool, input.text("command"), shellDir(payload, input));
            default -> ToolWrites.none();
        };
    }

    /** run_shell_command's optional directory, relative to the project. */
    private Path shellDir(Payload payload, Payload input) {
        String dir = input.anyText("dir_path", "directory");
        Path cwd = cwd(payload);
        return dir == null || cwd == null ? null : cwd.resolve(dir);
    }

    @Override
    public Reply reply(HookEvent event, Answer answer) {
        return switch (answer.kind()) {
            case NOTHING -> Reply.SILENT;
            case CONTEXT -> HookJson.context(eventName(event), answer.text());
            case DENY -> HookJson.decision("deny", answer.text());
            case BLOCK -> HookJson.decision("block", answer.text());
            case ALLOW_WITH_WARNING -> HookJson.systemMessage(answer.text());
        };
    }
}
