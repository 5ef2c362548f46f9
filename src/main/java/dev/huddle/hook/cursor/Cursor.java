package dev.huddle.hook.cursor;

import dev.huddle.hook.Answer;
import dev.huddle.hook.HookEvent;
import dev.huddle.hook.HookJson;
import dev.huddle.hook.Payload;
import dev.huddle.hook.Program;
import dev.huddle.hook.Reply;
import dev.huddle.hook.ToolWrites;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Cursor, from its hooks documentation (cursor.com/docs/hooks); unlike the other three, no
 * recording of the real program exists, so this mapping is unverified. Events: sessionStart,
 * beforeSubmitPrompt, preToolUse and beforeShellExecution, postToolUse, afterFileEdit and
 * afterShellExecution, stop, sessionEnd. Answers: {@code permission: "deny"} with
 * {@code user_message}/{@code agent_message}; {@code additional_context} at session start and after
 * a tool; {@code followup_message} to keep a turn going (Cursor caps those at 5). Its prompt hook
 * cannot add context, so messages reach a Cursor agent at session start and through the stop
 * follow-up only. The session is the {@code conversation_id}.
 */
public final class Cursor implements Program {

    private static final List<String> READ_TOOLS = List.of("Read", "Grep", "Glob", "LS", "Task", "WebSearch",
            "WebFetch", "TodoWrite", "SemanticSearch", "CodebaseSearch", "read_file", "list_dir", "grep_search",
            "file_search", "codebase_search");
    private static final List<String> SHELL_TOOLS = List.of("Shell", "Bash", "Terminal", "run_terminal_cmd");

    @Override
    public String name() {
        return "cursor";
    }

    @Override
    public HookEvent event(String normalName) {
        return switch (normalName) {
            case "sessionstart" -> HookEvent.SESSION_START;
            case "beforesubmitprompt", "userpromptsubmit" -> HookEvent.PROMPT;
            case "pretooluse", "beforeshellexecution" -> HookEvent.PRE_TOOL;
            case "posttooluse", "afterfileedit", "aftershellexecution" -> HookEvent.POST_TOOL;
            case "stop" -> HookEvent.STOP;
            case "sessionend" -> HookEvent.SESSION_END;
            default -> HookEvent.OTHER;
        };
    }

    @Override
    public String eventName(HookEvent event) {
        return switch (event) {
            case SESSION_START -> "sessionStart";
            case PROMPT -> "beforeSubmitPrompt";
            case PRE_TOOL -> "preToolUse";
            case POST_TOOL -> "postToolUse";
            case STOP -> "stop";
            case SESSION_END -> "sessionEnd";
            case OTHER -> "";
        };
    }

    @Override
    public String sessionId(Payload payload, Map<String, String> env) {
        return payload.anyText("conversation_id", "session_id");
    }

    @Override
    public Path cwd(Payload payload) {
        Path cwd = payload.directory("cwd");
        if (cwd != null) {
            return cwd;
        }
        String root = payload.firstText("workspace_roots");
        return root != null && root.startsWith("/") ? Path.of(root) : null;
    }

    @Override
    public ToolWrites writes(HookEvent event, Payload payload) {
        String tool = payload.text("tool_name");
        if (tool == null) {
            // beforeShellExecution / afterShellExecution carry the command, afterFileEdit the file.
            String command = payload.text("command");
            if (command != null) {
                return ToolWrites.shell("Shell", command, null);
            }
            String file = payload.text("file_path");
            return file != null ? ToolWrites.file("Edit", file, "file_path") : ToolWrites.none();
        }
        Payload input = payload.object("tool_input");
        if (SHELL_TOOLS.contains(tool)) {
            return ToolWrites.shell(tool, input.text("command"), input.directory("cwd"));
        }
        String path = input.anyText("file_path", "path", "target_file", "notebook_path");
        if (READ_TOOLS.contains(tool) || path == null || tool.startsWith("MCP")) {
            return ToolWrites.none();
        }
        return ToolWrites.file(tool, path, "file_path");
    }

    @Override
    public boolean pushesAtPrompt() {
        return false;
    }

    @Override
    public Reply reply(HookEvent event, Answer answer) {
        return switch (answer.kind()) {
            case NOTHING -> nothing(event);
            case CONTEXT -> event == HookEvent.PROMPT ? nothing(event) : HookJson.object("additional_context", answer.text());
            case DENY -> HookJson.object("permission", "deny", "user_message", answer.text(), "agent_message", answer.text());
            case BLOCK -> HookJson.object("followup_message", answer.text());
            case ALLOW_WITH_WARNING -> HookJson.object("user_message", answer.text(), "agent_message", answer.text());
        };
    }

    /** No opinion: an explicit empty answer (a permission hook printing nothing counts as a failure there). */
    private static Reply nothing(HookEvent event) {
        return event == HookEvent.PROMPT ? HookJson.object("continue", true) : Reply.json("{}");
    }
}
