package dev.huddle.cli;

/**
 * Recorded hook payloads for {@link AotTraining} (shared/reference/hook-payloads; {@code /repo}
 * replaced by {@code @CWD@}, which the training replaces by its directory, and the file names
 * changed to the training's held file {@code src/b.py} where a step must be refused).
 */
final class AotHookPayloads {

    private AotHookPayloads() {}

    static final String CLAUDE_SESSION_START = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}";

    static final String CLAUDE_PROMPT = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"prompt_id\":\"00000000-0000-4000-8000-000000000002\""
            + ",\"permission_mode\":\"acceptEdits\",\"hook_event_name\":\"UserPromptSubmit\""
            + ",\"prompt\":\"please do the task\"}";

    static final String CLAUDE_WRITE_HELD = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"prompt_id\":\"00000000-0000-4000-8000-000000000002\""
            + ",\"permission_mode\":\"bypassPermissions\",\"effort\":{\"level\":\"medium\"}"
            + ",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Write\""
            + ",\"tool_input\":{\"file_path\":\"@CWD@/src/b.py\",\"content\":\"overwritten\\n\"}"
            + ",\"tool_use_id\":\"toolu_fake_0_0\"}";

    static final String CLAUDE_WRITE_FREE = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"prompt_id\":\"00000000-0000-4000-8000-000000000002\""
            + ",\"permission_mode\":\"acceptEdits\",\"effort\":{\"level\":\"medium\"}"
            + ",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Write\""
            + ",\"tool_input\":{\"file_path\":\"@CWD@/notes.txt\",\"content\":\"hello\\n\"}"
            + ",\"tool_use_id\":\"toolu_fake_0_0\"}";

    static final String CLAUDE_EDIT_HELD = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"prompt_id\":\"00000000-0000-4000-8000-000000000002\""
            + ",\"permission_mode\":\"acceptEdits\",\"effort\":{\"level\":\"medium\"}"
            + ",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Edit\""
            + ",\"tool_input\":{\"file_path\":\"@CWD@/src/b.py\",\"old_string\":\"line two\",\"new_string\":\"line 2\""
            + ",\"replace_all\":false},\"tool_use_id\":\"toolu_fake_1_0\"}";

    static final String CLAUDE_BASH_HELD = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"prompt_id\":\"00000000-0000-4000-8000-000000000002\""
            + ",\"permission_mode\":\"acceptEdits\",\"effort\":{\"level\":\"medium\"}"
            + ",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\""
            + ",\"tool_input\":{\"command\":\"echo x > src/b.py\",\"description\":\"write a file\"}"
            + ",\"tool_use_id\":\"toolu_fake_0_0\"}";

    static final String CLAUDE_POST_WRITE = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"prompt_id\":\"00000000-0000-4000-8000-000000000002\""
            + ",\"permission_mode\":\"acceptEdits\",\"effort\":{\"level\":\"medium\"}"
            + ",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Write\""
            + ",\"tool_input\":{\"file_path\":\"@CWD@/notes.txt\",\"content\":\"hello\\n\"}"
            + ",\"tool_response\":{\"type\":\"create\",\"filePath\":\"@CWD@/notes.txt\",\"content\":\"hello\\n\""
            + ",\"structuredPatch\":[],\"originalFile\":null,\"userModified\":false}"
            + ",\"tool_use_id\":\"toolu_fake_0_0\",\"duration_ms\":11}";

    static final String CLAUDE_STOP = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"prompt_id\":\"00000000-0000-4000-8000-000000000002\""
            + ",\"permission_mode\":\"acceptEdits\",\"effort\":{\"level\":\"medium\"},\"hook_event_name\":\"Stop\""
            + ",\"stop_hook_active\":false,\"last_assistant_message\":\"Wrote notes.txt.\""
            + ",\"background_tasks\":[],\"session_crons\":[]}";

    static final String CLAUDE_SESSION_END = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.claude/projects/-repo/00000000-0000-4000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"prompt_id\":\"00000000-0000-4000-8000-000000000002\""
            + ",\"hook_event_name\":\"SessionEnd\",\"reason\":\"other\"}";

    static final String CODEX_PATCH_HELD = "{\"session_id\":\"00000000-0000-7000-8000-000000000001\""
            + ",\"turn_id\":\"00000000-0000-7000-8000-000000000002\""
            + ",\"transcript_path\":\"/home/user/.codex/sessions/2026/11/21/rollout-2026-11-21T06-22-41-00000000-0000-7000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"hook_event_name\":\"PreToolUse\",\"model\":\"gpt-5.5-codex\""
            + ",\"permission_mode\":\"bypassPermissions\",\"tool_name\":\"apply_patch\""
            + ",\"tool_input\":{\"command\":\"*** Begin Patch\\n*** Add File: src/b.py\\n+hello\\n*** End Patch\\n\"}"
            + ",\"tool_use_id\":\"call_fake_0_0\"}";

    static final String CODEX_BASH = "{\"session_id\":\"00000000-0000-7000-8000-000000000001\""
            + ",\"turn_id\":\"00000000-0000-7000-8000-000000000002\""
            + ",\"transcript_path\":\"/home/user/.codex/sessions/2026/11/21/rollout-2026-11-21T06-22-41-00000000-0000-7000-8000-000000000001.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"hook_event_name\":\"PreToolUse\",\"model\":\"gpt-5.5-codex\""
            + ",\"permission_mode\":\"bypassPermissions\",\"tool_name\":\"Bash\""
            + ",\"tool_input\":{\"command\":\"echo x > out.txt; echo wrote\"},\"tool_use_id\":\"call_fake_0_0\"}";

    static final String GEMINI_WRITE_HELD = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.gemini/tmp@CWD@/chats/session-2026-01-01T00-00-00000000.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"hook_event_name\":\"BeforeTool\",\"timestamp\":\"2026-01-01T00:00:00.000Z\""
            + ",\"tool_name\":\"write_file\",\"tool_input\":{\"file_path\":\"@CWD@/src/b.py\",\"content\":\"hello\\n\"}}";

    static final String GEMINI_SHELL = "{\"session_id\":\"00000000-0000-4000-8000-000000000001\""
            + ",\"transcript_path\":\"/home/user/.gemini/tmp@CWD@/chats/session-2026-01-01T00-00-00000000.jsonl\""
            + ",\"cwd\":\"@CWD@\",\"hook_event_name\":\"BeforeTool\",\"timestamp\":\"2026-01-01T00:00:00.000Z\""
            + ",\"tool_name\":\"run_shell_command\",\"tool_input\":{\"command\":\"echo x > out.txt; echo wrote\""
            + ",\"description\":\"write a file\"}}";
}
