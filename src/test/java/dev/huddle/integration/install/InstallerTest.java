package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.integration.install.FileOutcome.Change;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Installs into real files in temporary directories: settings that already hold the user's own hooks. */
class InstallerTest {

    static final String LAUNCHER = "/opt/huddle/bin/huddle";

    /** Each program's settings file as a user might have it: their own hooks, on an event Huddle uses too. */
    static final Map<Program, String> USER_SETTINGS = Map.of(
            Program.CLAUDE, """
                    {
                        "permissions": {"allow": ["Bash(npm test)"]},
                        "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./check.sh"}]}]},
                        "timeout": 1.50
                    }
                    """,
            Program.CODEX, """
                    {"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./check.sh", "timeout": 5}]}],
                               "Stop": [{"hooks": [{"type": "command", "command": "./notify.sh"}]}]}}
                    """,
            Program.GEMINI, """
                    {"security": {"auth": {"selectedType": "gemini-api-key"}},
                     "hooks": {"BeforeTool": [{"matcher": "run_shell_command", "hooks": [{"name": "mine", "type": "command", "command": "./check.sh", "timeout": 2000}]}]}}
                    """,
            Program.CURSOR, """
                    {"version": 1, "hooks": {"beforeShellExecution": [{"command": "./audit.sh"}], "afterFileEdit": [{"command": "prettier"}]}}
                    """);

    @TempDir
    Path repo;
    @TempDir
    Path home;

    InstallTarget target(Program program, Scope scope) {
        return new InstallTarget(program, scope, repo, home, home.resolve(".codex"), LAUNCHER, true);
    }

    void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Every file below the repository and home, with its text: what "nothing else changed" is checked against. */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path root : List.of(repo, home)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    files.put(p.toString(), Files.readString(p));
                }
            }
        }
        return files;
    }

    @Nested
    class EveryProgram {

        @ParameterizedTest
        @EnumSource(Program.class)
        void install_keepsTheUsersHooks_andAddsHuddles(Program program) throws IOException {
            InstallTarget t = target(program, Scope.PROJECT);
            write(t.settingsFile(), USER_SETTINGS.get(program));

            InstallReport r = Installer.install(t, false);

            String text = Files.readString(t.settingsFile());
            assertThat(text).contains(program == Program.CURSOR ? "./audit.sh" : "./check.sh");
            for (PlannedHook h : PlannedHook.of(program)) {
                assertThat(text).contains("\"" + LAUNCHER + " hook " + program.id() + " " + h.event() + "\"");
            }
            assertThat(r.files().getFirst().change()).isEqualTo(Change.UPDATED);
            assertThat(Files.readString(SafeFiles.backupOf(t.settingsFile()))).isEqualTo(USER_SETTINGS.get(program));
        }

        @ParameterizedTest
        @EnumSource(Program.class)
        void install_twice_leavesEveryFileByteIdentical(Program program) throws IOException {
            InstallTarget t = target(program, Scope.PROJECT);
            write(t.settingsFile(), USER_SETTINGS.get(program));
            Installer.install(t, false);
            Map<String, String> once = snapshot();

            InstallReport again = Installer.install(t, false);

            assertThat(snapshot()).isEqualTo(once);
            assertThat(again.files()).allMatch(f -> f.change() == Change.UNCHANGED);
        }

        @ParameterizedTest
        @EnumSource(Program.class)
        void uninstall_afterInstall_restoresTheOriginalBytes_andRemovesWhatInstallAdded(Program program) throws IOException {
            InstallTarget t = target(program, Scope.PROJECT);
            write(t.settingsFile(), USER_SETTINGS.get(program));
            write(home.resolve(".codex/config.toml"), "model = \"gpt-5\"\n");
            write(repo.resolve("AGENTS.md"), "# Agents\n");
            Map<String, String> before = snapshot();
            Installer.install(t, false);

            InstallReport r = Installer.uninstall(t, false);

            Map<String, String> after = snapshot();
            after.remove(repo.resolve("AGENTS.md").toString()); // the shared AGENTS.md section stays, by design
            before.remove(repo.resolve("AGENTS.md").toString());
            assertThat(after).isEqualTo(before);
            assertThat(r.files().getFirst().change()).isEqualTo(Change.RESTORED);
        }

        @ParameterizedTest
        @EnumSource(Program.class)
        void uninstall_whenTheUserChangedTheFileMeanwhile_removesOnlyHuddlesEntries(Program program) throws IOException {
            InstallTarget t = target(program, Scope.PROJECT);
            write(t.settingsFile(), USER_SETTINGS.get(program));
            Installer.install(t, false);
            String edited = Files.readString(t.settingsFile()).replaceFirst("\\{", "{\n  \"addedLater\": true,");
            Files.writeString(t.settingsFile(), edited);

            Installer.uninstall(t, false);

            String text = Files.readString(t.settingsFile());
            assertThat(text).contains("\"addedLater\": true", program == Program.CURSOR ? "./audit.sh" : "./check.sh")
                    .doesNotContain(LAUNCHER);
            assertThat(SettingsJson.read(text, t.settingsFile())).isEqualTo(withAddedLater(program));
            assertThat(SafeFiles.backupOf(t.settingsFile())).exists(); // the original stays available
        }

        private Map<String, Object> withAddedLater(Program program) {
            Map<String, Object> expected = new java.util.LinkedHashMap<>();
            expected.put("addedLater", true);
            expected.putAll(SettingsJson.read(USER_SETTINGS.get(program), Path.of("x")));
            return expected;
        }

        @ParameterizedTest
        @EnumSource(Program.class)
        void installIntoNothing_thenUninstall_leavesNothing(Program program) throws IOException {
            InstallTarget t = target(program, Scope.PROJECT);
            Map<String, String> before = snapshot();

            Installer.install(t, false);
            assertThat(t.settingsFile()).exists();
            Installer.uninstall(t, false);

            Map<String, String> after = snapshot();
            after.remove(repo.resolve("AGENTS.md").toString());
            assertThat(after).isEqualTo(before);
            assertThat(repo.resolve("." + program.id())).doesNotExist();
            if (Files.exists(home.resolve(".codex"))) {
                assertThat(home.resolve(".codex")).isEmptyDirectory(); // CODEX_HOME itself is the root: it stays
            }
        }

        @ParameterizedTest
        @EnumSource(Program.class)
        void install_dryRun_writesNothing_andShowsTheDiff(Program program) throws IOException {
            InstallTarget t = target(program, Scope.PROJECT);
            write(t.settingsFile(), USER_SETTINGS.get(program));
            Map<String, String> before = snapshot();

            InstallReport r = Installer.install(t, true);

            assertThat(snapshot()).isEqualTo(before);
            assertThat(SafeFiles.backupOf(t.settingsFile())).doesNotExist();
            assertThat(r.dryRun()).isTrue();
            assertThat(r.files().getFirst().diff()).startsWith("--- " + t.settingsFile() + "\n+++ " + t.settingsFile() + "\n@@")
                    .contains("+" + " ".repeat(program == Program.CURSOR ? 8 : 12) + "\"command\": \"" + LAUNCHER);
        }

        @ParameterizedTest
        @EnumSource(Program.class)
        void install_whenTheSettingsAreMalformed_namesFileAndLine_andWritesNothing(Program program) throws IOException {
            InstallTarget t = target(program, Scope.PROJECT);
            write(t.settingsFile(), "{\n  \"hooks\": {\n    \"Stop\": [,]\n  }\n}\n");
            Map<String, String> before = snapshot();

            assertThatThrownBy(() -> Installer.install(t, false)).isInstanceOf(HuddleException.class)
                    .hasMessageContaining(t.settingsFile() + " is not valid JSON at line 3");

            assertThat(snapshot()).isEqualTo(before);
        }

        @ParameterizedTest
        @EnumSource(Program.class)
        void install_whenTheSettingsFileIsASymlink_isRefused_andTheTargetUntouched(Program program, @TempDir Path elsewhere)
                throws IOException {
            InstallTarget t = target(program, Scope.PROJECT);
            Path outside = elsewhere.resolve("settings.json");
            Files.writeString(outside, "{}\n");
            Files.createDirectories(t.settingsFile().getParent());
            Files.createSymbolicLink(t.settingsFile(), outside);

            assertThatThrownBy(() -> Installer.install(t, false)).isInstanceOf(HuddleException.class)
                    .hasMessageContaining("symbolic link");

            assertThat(Files.readString(outside)).isEqualTo("{}\n");
            assertThat(repo.resolve("AGENTS.md")).doesNotExist();
        }
    }

    @Nested
    class Links {

        @Test
        void install_whenTheSettingsDirectoryIsASymlink_isRefused(@TempDir Path elsewhere) throws IOException {
            Files.createSymbolicLink(repo.resolve(".claude"), elsewhere);

            assertThatThrownBy(() -> Installer.install(target(Program.CLAUDE, Scope.PROJECT), false))
                    .hasMessageContaining(repo.resolve(".claude") + ": it is a symbolic link");

            try (Stream<Path> files = Files.list(elsewhere)) {
                assertThat(files).isEmpty();
            }
        }

        @Test
        void install_whenAgentsMdIsALink_refusesBeforeWritingAnything(@TempDir Path elsewhere) throws IOException {
            Path outside = Files.createFile(elsewhere.resolve("agents.md"));
            Files.createSymbolicLink(repo.resolve("AGENTS.md"), outside);

            assertThatThrownBy(() -> Installer.install(target(Program.GEMINI, Scope.PROJECT), false))
                    .hasMessageContaining("symbolic link");

            assertThat(repo.resolve(".gemini")).doesNotExist();
        }
    }

    @Nested
    class Claude {

        @Test
        void install_addsTheSkill_projectScope() throws IOException {
            Installer.install(target(Program.CLAUDE, Scope.PROJECT), false);

            Path skill = repo.resolve(".claude/skills/huddle/SKILL.md");
            assertThat(Files.readString(skill)).startsWith("---\nname: huddle\ndescription: ").isEqualTo(SkillFile.text());
        }

        @Test
        void install_userScope_writesUnderHome_andNoAgentsMd() throws IOException {
            InstallReport r = Installer.install(target(Program.CLAUDE, Scope.USER), false);

            assertThat(home.resolve(".claude/settings.json")).exists();
            assertThat(home.resolve(".claude/skills/huddle/SKILL.md")).exists();
            assertThat(repo.resolve("AGENTS.md")).doesNotExist();
            assertThat(repo.resolve(".claude")).doesNotExist();
            assertThat(r.files()).extracting(FileOutcome::path).containsExactly(home.resolve(".claude/settings.json"),
                    home.resolve(".claude/skills/huddle/SKILL.md"));
        }

        @Test
        void uninstall_whenTheSkillWasEdited_keepsIt() throws IOException {
            InstallTarget t = target(Program.CLAUDE, Scope.PROJECT);
            Installer.install(t, false);
            Files.writeString(t.skillFile(), "my own notes\n");

            InstallReport r = Installer.uninstall(t, false);

            assertThat(Files.readString(t.skillFile())).isEqualTo("my own notes\n");
            assertThat(r.notes()).anyMatch(n -> n.contains("was edited since Huddle installed it"));
        }

        @Test
        void install_overAnOlderHuddleSkill_replacesItWithoutBackup_butBacksUpTheUsersOwn() throws IOException {
            InstallTarget t = target(Program.CLAUDE, Scope.PROJECT);
            write(t.skillFile(), "---\nname: huddle\ndescription: old\n---\nold text\n");
            Installer.install(t, false);
            assertThat(SafeFiles.backupOf(t.skillFile())).doesNotExist();
            assertThat(t.skillFile()).hasContent(SkillFile.text().stripTrailing());

            Installer.uninstall(t, false);
            write(t.skillFile(), "my own skill\n");
            Installer.install(t, false);
            assertThat(SafeFiles.backupOf(t.skillFile())).hasContent("my own skill");
            Installer.uninstall(t, false);
            assertThat(t.skillFile()).hasContent("my own skill");
        }

        @Test
        void install_keepsTheFilesPermissions() throws IOException {
            InstallTarget t = target(Program.CLAUDE, Scope.PROJECT);
            write(t.settingsFile(), "{}\n");
            Files.setPosixFilePermissions(t.settingsFile(), PosixFilePermissions.fromString("rw-------"));

            Installer.install(t, false);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(t.settingsFile()))).isEqualTo("rw-------");
        }
    }

    @Nested
    class Codex {

        @Test
        void install_recordsTrustForEveryHuddleHook_andTheProject() throws IOException {
            InstallTarget t = target(Program.CODEX, Scope.PROJECT);
            write(t.settingsFile(), USER_SETTINGS.get(Program.CODEX));

            InstallReport r = Installer.install(t, false);

            String config = Files.readString(home.resolve(".codex/config.toml"));
            String hooksJson = t.settingsFile().toString();
            assertThat(config).contains("[projects.\"" + repo + "\"]\ntrust_level = \"trusted\"",
                    "[hooks.state.\"" + hooksJson + ":pre_tool_use:1:0\"]",
                    "[hooks.state.\"" + hooksJson + ":stop:1:0\"]",
                    "[hooks.state.\"" + hooksJson + ":session_start:0:0\"]")
                    .doesNotContain(":pre_tool_use:0:0");
            assertThat(config).contains("trusted_hash = \"" + CodexTrust.hash("Stop", java.util.Optional.empty(),
                    LAUNCHER + " hook codex Stop", null) + "\"");
            assertThat(r.notes()).anyMatch(n -> n.contains("recorded trust for 6 hook(s) and for " + repo));
            assertThat(r.problems()).isEmpty();
        }

        @Test
        void install_userScope_writesIntoCodexHome_withoutProjectTrust() throws IOException {
            InstallReport r = Installer.install(target(Program.CODEX, Scope.USER), false);

            assertThat(home.resolve(".codex/hooks.json")).exists();
            assertThat(Files.readString(home.resolve(".codex/config.toml"))).doesNotContain("[projects.")
                    .contains("[hooks.state.\"" + home.resolve(".codex/hooks.json") + ":stop:0:0\"]");
            assertThat(r.problems()).isEmpty();
        }

        @Test
        void install_whenTheProjectIsMarkedUntrusted_saysHooksWillNotRun() throws IOException {
            write(home.resolve(".codex/config.toml"), "[projects.\"" + repo + "\"]\ntrust_level = \"untrusted\"\n");

            InstallReport r = Installer.install(target(Program.CODEX, Scope.PROJECT), false);

            assertThat(r.problems()).anyMatch(p -> p.contains("untrusted")).anyMatch(p -> p.contains("without any warning"));
        }

        @Test
        void install_whenConfigTomlIsASymlink_isRefused(@TempDir Path elsewhere) throws IOException {
            Path outside = Files.createFile(elsewhere.resolve("config.toml"));
            Files.createDirectories(home.resolve(".codex"));
            Files.createSymbolicLink(home.resolve(".codex/config.toml"), outside);

            assertThatThrownBy(() -> Installer.install(target(Program.CODEX, Scope.PROJECT), false))
                    .hasMessageContaining("symbolic link");

            assertThat(repo.resolve(".codex")).doesNotExist();
            assertThat(Files.readString(outside)).isEmpty();
        }
    }

    @Test
    void reports_listEveryEventAndTheCommand() {
        InstallReport r = Installer.install(target(Program.GEMINI, Scope.PROJECT), true);

        assertThat(r.events()).containsExactly("SessionStart", "BeforeAgent", "BeforeTool", "AfterTool", "AfterAgent", "SessionEnd");
        assertThat(r.command()).isEqualTo(LAUNCHER + " hook gemini <event>");
        assertThat(new ArrayList<>(r.notes())).anyMatch(n -> n.contains("trusted folder"));
    }
}
