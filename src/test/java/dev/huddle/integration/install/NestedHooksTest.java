package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NestedHooksTest {

    static final Path FILE = Path.of("/repo/.claude/settings.json");
    static final String LAUNCHER = "/opt/huddle/bin/huddle";
    static final String USER_SETTINGS = """
            {
              "permissions": {"allow": ["Bash(npm test)"]},
              "hooks": {
                "PreToolUse": [
                  {"matcher": "Bash", "hooks": [{"type": "command", "command": "echo mine"}, {"type": "command", "command": "lint"}]}
                ],
                "Notification": [{"hooks": [{"type": "command", "command": "notify-send hi"}]}]
              },
              "model": "opus"
            }
            """;

    final HookFormat claude = HookFormat.of(Program.CLAUDE);

    Map<String, Object> user() {
        return SettingsJson.read(USER_SETTINGS, FILE);
    }

    Map<String, Object> installed() {
        return claude.install(user(), PlannedHook.of(Program.CLAUDE), LAUNCHER, FILE);
    }

    @Nested
    class Install {

        @Test
        void install_keepsTheUsersHooks_andAddsOneGroupPerEventAfterThem() {
            String text = SettingsJson.write(installed());

            assertThat(text).contains("\"echo mine\"", "\"lint\"", "\"notify-send hi\"", "\"model\": \"opus\"", "Bash(npm test)");
            List<?> pre = (List<?>) ((Map<?, ?>) installed().get("hooks")).get("PreToolUse");
            assertThat(pre).hasSize(2);
            assertThat(pre.get(1)).isEqualTo(Map.of("matcher", "Edit|Write|MultiEdit|NotebookEdit|Bash",
                    "hooks", List.of(Map.of("type", "command", "command", LAUNCHER + " hook claude PreToolUse"))));
            assertThat(((Map<?, ?>) installed().get("hooks")).keySet().stream().map(String::valueOf).toList()).containsExactly("PreToolUse", "Notification",
                    "SessionStart", "UserPromptSubmit", "PostToolUse", "Stop", "SessionEnd");
        }

        @Test
        void install_ofItsOwnResult_changesNothing() {
            Map<String, Object> once = installed();

            Map<String, Object> twice = claude.install(once, PlannedHook.of(Program.CLAUDE), LAUNCHER, FILE);

            assertThat(SettingsJson.write(twice)).isEqualTo(SettingsJson.write(once));
        }

        @Test
        void install_neverModifiesItsInput() {
            Map<String, Object> doc = user();
            String before = SettingsJson.write(doc);

            claude.install(doc, PlannedHook.of(Program.CLAUDE), LAUNCHER, FILE);

            assertThat(SettingsJson.write(doc)).isEqualTo(before);
        }

        @Test
        void install_afterTheLauncherMoved_updatesHuddlesEntriesInPlace() {
            Map<String, Object> moved = claude.install(installed(), PlannedHook.of(Program.CLAUDE), "/new place/huddle", FILE);

            String text = SettingsJson.write(moved);
            assertThat(text).doesNotContain(LAUNCHER).contains("'/new place/huddle' hook claude Stop");
            assertThat((List<?>) ((Map<?, ?>) moved.get("hooks")).get("Stop")).hasSize(1);
        }

        @Test
        void install_whenHooksIsNotAnObject_isRefusedNamingTheFile() {
            assertThatThrownBy(() -> claude.install(SettingsJson.read("{\"hooks\": []}", FILE), PlannedHook.of(Program.CLAUDE),
                    LAUNCHER, FILE))
                    .isInstanceOf(HuddleException.class).hasMessageContaining(FILE + ": \"hooks\" is not a JSON object");
        }

        @Test
        void install_whenAnEventIsNotAnArray_isRefused() {
            assertThatThrownBy(() -> claude.install(SettingsJson.read("{\"hooks\": {\"Stop\": {}}}", FILE),
                    PlannedHook.of(Program.CLAUDE), LAUNCHER, FILE))
                    .hasMessageContaining("\"hooks\".Stop is not a JSON array");
        }

        @Test
        void install_gemini_namesItsHandlers_andUsesGeminisEventsAndToolNames() {
            Map<String, Object> doc = HookFormat.of(Program.GEMINI).install(Map.of(), PlannedHook.of(Program.GEMINI), LAUNCHER, FILE);

            assertThat(SettingsJson.write(doc)).contains("\"BeforeTool\"", "\"AfterAgent\"",
                    "\"matcher\": \"write_file|replace|edit|run_shell_command\"",
                    "\"name\": \"huddle\",\n            \"type\": \"command\",\n            \"command\": \"" + LAUNCHER + " hook gemini BeforeTool\"");
        }
    }

    @Nested
    class Uninstall {

        @Test
        void uninstall_afterInstall_givesBackTheDocument() {
            assertThat(claude.uninstall(installed(), FILE)).isEqualTo(user());
            assertThat(SettingsJson.write(claude.uninstall(installed(), FILE))).isEqualTo(SettingsJson.write(user()));
        }

        @Test
        void uninstall_removesOnlyHuddlesHandler_fromAGroupTheUserShares() {
            Map<String, Object> doc = SettingsJson.read("""
                    {"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "mine"},
                      {"type": "command", "command": "/x/huddle hook claude Stop"}]}]}}
                    """, FILE);

            assertThat(SettingsJson.write(claude.uninstall(doc, FILE)))
                    .isEqualTo(SettingsJson.write(SettingsJson.read("{\"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"mine\"}]}]}}", FILE)));
        }

        @Test
        void uninstall_leavesOtherProgramsEntriesAndEmptyEventsTheUserHad() {
            Map<String, Object> doc = SettingsJson.read("""
                    {"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "/x/huddle hook codex Stop"}]}], "PreToolUse": []}}
                    """, FILE);

            assertThat(claude.uninstall(doc, FILE)).isEqualTo(doc);
        }

        @Test
        void uninstall_ofAFileHuddleCreated_leavesItBare() {
            Map<String, Object> created = claude.install(Map.of(), PlannedHook.of(Program.CLAUDE), LAUNCHER, FILE);

            assertThat(claude.isBare(claude.uninstall(created, FILE))).isTrue();
        }
    }

    @Test
    void positions_areWhereCodexKeysItsTrust() {
        HookFormat codex = HookFormat.of(Program.CODEX);
        Map<String, Object> doc = codex.install(SettingsJson.read(
                "{\"hooks\": {\"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"x\"}]}]}}",
                FILE), PlannedHook.of(Program.CODEX), LAUNCHER, FILE);

        List<NestedHooks.Position> positions = new NestedHooks(Program.CODEX, false).positions(doc);

        assertThat(positions).extracting(p -> p.event() + ":" + p.group() + ":" + p.handler()).containsExactly(
                "PreToolUse:1:0", "SessionStart:0:0", "UserPromptSubmit:0:0", "PostToolUse:0:0", "Stop:0:0", "SessionEnd:0:0");
        assertThat(positions.getFirst().matcher()).contains("Bash|apply_patch|Edit|Write");
    }
}
