package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HookCommandTest {

    @Test
    void of_plainPath_isUnquoted() {
        assertThat(HookCommand.of("/opt/huddle/bin/huddle", Program.CLAUDE, "PreToolUse"))
                .isEqualTo("/opt/huddle/bin/huddle hook claude PreToolUse");
    }

    @Test
    void of_pathWithSpacesAndQuotes_isSingleQuoted_andReadBackAsOneWord() {
        String command = HookCommand.of("/home/a b/it's/bin/huddle", Program.GEMINI, "BeforeTool");

        assertThat(command).isEqualTo("'/home/a b/it'\\''s/bin/huddle' hook gemini BeforeTool");
        assertThat(HookCommand.words(command)).containsExactly("/home/a b/it's/bin/huddle", "hook", "gemini", "BeforeTool");
        assertThat(HookCommand.event(command, Program.GEMINI)).contains("BeforeTool");
    }

    @Test
    void event_recognisesHuddlesCommandsOnly() {
        assertThat(HookCommand.event("huddle hook claude Stop", Program.CLAUDE)).contains("Stop");
        assertThat(HookCommand.event("\"/x y/huddle\" hook codex PreToolUse", Program.CODEX)).contains("PreToolUse");
        assertThat(HookCommand.event("/bin/huddle hook codex Stop", Program.CLAUDE)).isEmpty();
        assertThat(HookCommand.event("/bin/huddle-x hook claude Stop", Program.CLAUDE)).isEmpty();
        assertThat(HookCommand.event("/bin/huddle hook claude Stop && rm -rf x", Program.CLAUDE)).isEmpty();
        assertThat(HookCommand.event("echo huddle hook claude Stop", Program.CLAUDE)).isEmpty();
        assertThat(HookCommand.event("'unbalanced hook claude Stop", Program.CLAUDE)).isEmpty();
        // install --http's SessionStart, sent to the server
        String throughServer = HookCommand.of("/bin/huddle", Program.CLAUDE, "SessionStart", "http://127.0.0.1:7431");
        assertThat(throughServer).isEqualTo("/bin/huddle hook claude SessionStart --url http://127.0.0.1:7431");
        assertThat(HookCommand.event(throughServer, Program.CLAUDE)).contains("SessionStart");
        assertThat(HookCommand.event("/bin/huddle hook claude SessionStart --db x.db", Program.CLAUDE)).isEmpty();
    }

    @Test
    void words_followsShellQuoting() {
        assertThat(HookCommand.words("a\\ b \"c \\\"d\" 'e f'  g")).isEqualTo(List.of("a b", "c \"d", "e f", "g"));
        assertThat(HookCommand.words("")).isEmpty();
        assertThat(HookCommand.event("   ", Program.CURSOR)).isEqualTo(Optional.empty());
    }
}
