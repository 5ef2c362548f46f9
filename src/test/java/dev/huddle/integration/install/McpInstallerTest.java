package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.integration.install.FileOutcome.Change;
import dev.huddle.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code install <program> --mcp} into real files: configs that already hold the user's own MCP servers and settings. */
class McpInstallerTest {

    static final String LAUNCHER = "/opt/huddle/bin/huddle";

    /** Each program's MCP config as a user might have it: another server, and settings besides. */
    static final Map<Program, String> USER_CONFIG = Map.of(
            Program.CLAUDE, """
                    {"mcpServers": {"github": {"command": "gh-mcp", "args": ["--stdio"], "env": {"GH_HOST": "x"}}}}
                    """,
            Program.CODEX, """
                    model = "o3"

                    [mcp_servers.github]
                    command = "gh-mcp"
                    args = ["--stdio"]
                    """,
            Program.GEMINI, """
                    {"security": {"auth": {"selectedType": "gemini-api-key"}},
                     "mcpServers": {"github": {"command": "gh-mcp", "timeout": 1.50}}}
                    """,
            Program.CURSOR, """
                    {"mcpServers": {"github": {"command": "gh-mcp", "args": ["--stdio"]}, "web": {"url": "https://example.com/mcp"}}}
                    """);

    @TempDir
    Path repo;
    @TempDir
    Path home;

    InstallTarget target(Program program, Scope scope) {
        return new InstallTarget(program, scope, repo, home, home.resolve(".codex"), LAUNCHER, false);
    }

    Path file(Program program, Scope scope) {
        return McpInstaller.configFile(target(program, scope)).file();
    }

    void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

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

    /** The server entry named huddle, read back the way the program reads it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> huddleEntry(Program program, Path file) throws IOException {
        String text = Files.readString(file);
        if (program == Program.CODEX) {
            assertThat(text).containsOnlyOnce("[mcp_servers.huddle]")
                    .contains("[mcp_servers.huddle]\ncommand = \"" + LAUNCHER + "\"\nargs = [\"mcp\"]\nrequired = true\n");
            return Map.of("command", LAUNCHER, "args", List.of("mcp"));
        }
        Map<String, Object> doc = (Map<String, Object>) Json.readDocument(text);
        return (Map<String, Object>) ((Map<String, Object>) doc.get("mcpServers")).get("huddle");
    }

    /** The entry install writes: Claude Code's also says alwaysLoad, so its tools are never deferred. */
    static Map<String, Object> expectedEntry(Program program) {
        return program == Program.CLAUDE ? Map.of("command", LAUNCHER, "args", List.of("mcp"), "alwaysLoad", true)
                : Map.of("command", LAUNCHER, "args", List.of("mcp"));
    }

    @Test
    void eachProgram_writesItsOwnFile() {
        assertThat(file(Program.CLAUDE, Scope.PROJECT)).isEqualTo(repo.resolve(".mcp.json"));
        assertThat(file(Program.CLAUDE, Scope.USER)).isEqualTo(home.resolve(".claude.json"));
        assertThat(file(Program.CODEX, Scope.PROJECT)).isEqualTo(repo.resolve(".codex/config.toml"));
        assertThat(file(Program.CODEX, Scope.USER)).isEqualTo(home.resolve(".codex/config.toml"));
        assertThat(file(Program.GEMINI, Scope.PROJECT)).isEqualTo(repo.resolve(".gemini/settings.json"));
        assertThat(file(Program.CURSOR, Scope.USER)).isEqualTo(home.resolve(".cursor/mcp.json"));
    }

    @ParameterizedTest
    @EnumSource(Program.class)
    void fresh_installCreatesTheEntry_againChangesNothing_uninstallRemovesTheFile(Program program) throws IOException {
        Path file = file(program, Scope.PROJECT);

        InstallReport first = McpInstaller.install(target(program, Scope.PROJECT), false);
        assertThat(first.files()).singleElement().satisfies(f -> assertThat(f.change()).isEqualTo(Change.CREATED));
        assertThat(huddleEntry(program, file)).isEqualTo(expectedEntry(program));
        Map<String, String> installed = snapshot();

        InstallReport second = McpInstaller.install(target(program, Scope.PROJECT), false);
        assertThat(second.files().getFirst().change()).isEqualTo(Change.UNCHANGED);
        assertThat(snapshot()).isEqualTo(installed);

        InstallReport removed = McpInstaller.uninstall(target(program, Scope.PROJECT), false);
        assertThat(removed.files().getFirst().change()).isEqualTo(Change.REMOVED);
        assertThat(snapshot()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Program.class)
    void existingConfig_keepsTheUsersServers_backsUp_andUninstallRestoresTheBytes(Program program) throws IOException {
        Path file = file(program, Scope.USER);
        write(file, USER_CONFIG.get(program));
        Map<String, String> original = snapshot();

        McpInstaller.install(target(program, Scope.USER), false);

        String text = Files.readString(file);
        assertThat(text).contains("github", "gh-mcp").contains(LAUNCHER);
        assertThat(huddleEntry(program, file)).isEqualTo(expectedEntry(program));
        assertThat(SafeFiles.backupOf(file)).hasContent(USER_CONFIG.get(program));
        Map<String, String> installed = snapshot();
        assertThat(McpInstaller.install(target(program, Scope.USER), false).files().getFirst().change())
                .isEqualTo(Change.UNCHANGED);
        assertThat(snapshot()).isEqualTo(installed);

        InstallReport removed = McpInstaller.uninstall(target(program, Scope.USER), false);
        assertThat(removed.files().getFirst().change()).isEqualTo(Change.RESTORED);
        assertThat(snapshot()).isEqualTo(original);
    }

    @ParameterizedTest
    @EnumSource(Program.class)
    void uninstall_afterTheUserChangedTheFile_removesOnlyHuddlesEntry(Program program) throws IOException {
        Path file = file(program, Scope.PROJECT);
        write(file, USER_CONFIG.get(program));
        McpInstaller.install(target(program, Scope.PROJECT), false);
        String edited = Files.readString(file).replace("gh-mcp", "gh-mcp2");
        Files.writeString(file, edited);

        McpInstaller.uninstall(target(program, Scope.PROJECT), false);

        String after = Files.readString(file);
        assertThat(after).contains("gh-mcp2").doesNotContain("huddle").doesNotContain(LAUNCHER);
        if (program == Program.CODEX) {
            assertThat(after).isEqualTo(USER_CONFIG.get(program).replace("gh-mcp", "gh-mcp2"));
        } else {
            assertThat(Json.readDocument(after)).isEqualTo(Json.readDocument(USER_CONFIG.get(program).replace("gh-mcp", "gh-mcp2")));
        }
    }

    @ParameterizedTest
    @EnumSource(Program.class)
    void dryRun_writesNothing_andShowsTheDiff(Program program) throws IOException {
        write(file(program, Scope.PROJECT), USER_CONFIG.get(program));
        Map<String, String> before = snapshot();

        InstallReport r = McpInstaller.install(target(program, Scope.PROJECT), true);

        assertThat(snapshot()).isEqualTo(before);
        assertThat(r.files().getFirst().change()).isEqualTo(Change.UPDATED);
        assertThat(r.files().getFirst().diff()).contains("+").contains(LAUNCHER);
        if (program == Program.CLAUDE) {
            assertThat(r.files().getFirst().diff()).contains("+      \"alwaysLoad\": true");
        }

        McpInstaller.install(target(program, Scope.PROJECT), false);
        Map<String, String> installed = snapshot();
        InstallReport u = McpInstaller.uninstall(target(program, Scope.PROJECT), true);
        assertThat(snapshot()).isEqualTo(installed);
        assertThat(u.files().getFirst().diff()).contains("-").contains(LAUNCHER);
    }

    @ParameterizedTest
    @EnumSource(Program.class)
    void aHuddleServerTheUserWrote_isLeftAlone_andReported(Program program) throws IOException {
        Path file = file(program, Scope.PROJECT);
        String users = program == Program.CODEX ? "[mcp_servers.huddle]\ncommand = \"my-huddle\"\n"
                : "{\"mcpServers\": {\"huddle\": {\"command\": \"my-huddle\", \"args\": [\"serve\"]}}}\n";
        write(file, users);

        InstallReport r = McpInstaller.install(target(program, Scope.PROJECT), false);
        InstallReport u = McpInstaller.uninstall(target(program, Scope.PROJECT), false);

        assertThat(r.problems()).singleElement().asString().contains("'huddle'", "left as it is");
        assertThat(file).hasContent(users);
        assertThat(u.files().getFirst().change()).isEqualTo(Change.UNCHANGED);
        assertThat(SafeFiles.backupOf(file)).doesNotExist();
    }

    @Test
    void aMovedLauncher_updatesTheEntry_insteadOfAddingASecond() throws IOException {
        Path file = file(Program.CURSOR, Scope.PROJECT);
        write(file, "{\"mcpServers\": {\"huddle\": {\"command\": \"/old/bin/huddle\", \"args\": [\"mcp\"]}, \"x\": {\"command\": \"x\"}}}\n");

        McpInstaller.install(target(Program.CURSOR, Scope.PROJECT), false);

        assertThat(huddleEntry(Program.CURSOR, file)).containsEntry("command", LAUNCHER);
        assertThat(Files.readString(file)).doesNotContain("/old/bin").contains("\"x\"");
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void anEarlierClaudeEntryWithoutAlwaysLoad_getsIt_keepingItsOtherKeys_andUninstallRemovesIt(Scope scope)
            throws IOException {
        Path file = file(Program.CLAUDE, scope);
        String earlier = "{\"numStartups\": 3, \"mcpServers\": {\"github\": {\"command\": \"gh-mcp\"},"
                + " \"huddle\": {\"type\": \"stdio\", \"command\": \"" + LAUNCHER + "\", \"args\": [\"mcp\"]}}}\n";
        write(file, earlier);

        InstallReport dry = McpInstaller.install(target(Program.CLAUDE, scope), true);
        InstallReport r = McpInstaller.install(target(Program.CLAUDE, scope), false);
        Map<String, String> installed = snapshot();
        InstallReport again = McpInstaller.install(target(Program.CLAUDE, scope), false);

        assertThat(dry.files().getFirst().diff()).contains("+      \"alwaysLoad\": true");
        assertThat(r.files().getFirst().change()).isEqualTo(Change.UPDATED);
        assertThat(huddleEntry(Program.CLAUDE, file))
                .isEqualTo(Map.of("type", "stdio", "command", LAUNCHER, "args", List.of("mcp"), "alwaysLoad", true));
        assertThat(Files.readString(file)).contains("\"numStartups\": 3", "gh-mcp");
        assertThat(again.files().getFirst().change()).isEqualTo(Change.UNCHANGED);
        assertThat(snapshot()).isEqualTo(installed);

        Files.writeString(file, Files.readString(file).replace("gh-mcp", "gh-mcp2"));
        McpInstaller.uninstall(target(Program.CLAUDE, scope), false);

        assertThat(Files.readString(file)).contains("gh-mcp2", "numStartups").doesNotContain("huddle", "alwaysLoad");
    }

    @Test
    void aClaudeEntryTheUserTurnedAlwaysLoadOff_isStillHuddles_andInstallTurnsItOn() throws IOException {
        Path file = file(Program.CLAUDE, Scope.PROJECT);
        write(file, "{\"mcpServers\": {\"huddle\": {\"command\": \"" + LAUNCHER + "\", \"args\": [\"mcp\"], \"alwaysLoad\": false}}}\n");

        InstallReport r = McpInstaller.install(target(Program.CLAUDE, Scope.PROJECT), false);

        assertThat(r.problems()).isEmpty();
        assertThat(huddleEntry(Program.CLAUDE, file)).isEqualTo(expectedEntry(Program.CLAUDE));
    }

    @Test
    void anEarlierCodexBlockWithoutRequired_isReplaced_byOneThatCodexWaitsFor() throws IOException {
        Path config = repo.resolve(".codex/config.toml");
        String earlier = "# huddle:begin mcp (written by 'huddle install codex --mcp'; 'huddle uninstall codex --mcp' removes it)\n"
                + "# huddle: Huddle's MCP server (stdio)\n[mcp_servers.huddle]\ncommand = \"" + LAUNCHER + "\"\n"
                + "args = [\"mcp\"]\n# huddle:end mcp\n";
        write(config, USER_CONFIG.get(Program.CODEX) + "\n" + earlier);

        McpInstaller.install(target(Program.CODEX, Scope.PROJECT), false);

        assertThat(huddleEntry(Program.CODEX, config)).containsEntry("command", LAUNCHER);
        assertThat(Files.readString(config)).containsOnlyOnce("# huddle:begin mcp").contains("[mcp_servers.github]");
    }

    @Test
    void mcpAndHooksInOneGeminiSettingsFile_uninstallingOneKeepsTheOther() throws IOException {
        Path settings = repo.resolve(".gemini/settings.json");
        write(settings, USER_CONFIG.get(Program.GEMINI));
        InstallTarget t = target(Program.GEMINI, Scope.PROJECT);
        Installer.install(t, false);
        McpInstaller.install(t, false);

        McpInstaller.uninstall(t, false);
        assertThat(Files.readString(settings)).contains("hook gemini").doesNotContain("\"mcp\"");

        Installer.uninstall(t, false);
        assertThat(settings).hasContent(USER_CONFIG.get(Program.GEMINI));
    }

    @Test
    void mcpAndHookTrustInOneCodexConfig_uninstallingHooksFirst_thenMcp_restoresTheOriginal() throws IOException {
        Path config = home.resolve(".codex/config.toml");
        write(config, USER_CONFIG.get(Program.CODEX));
        InstallTarget t = target(Program.CODEX, Scope.USER);
        McpInstaller.install(t, false);
        Installer.install(t, false);
        assertThat(Files.readString(config)).contains("[mcp_servers.huddle]", "trusted_hash", "[mcp_servers.github]");

        Installer.uninstall(t, false);
        assertThat(Files.readString(config)).contains("[mcp_servers.huddle]").doesNotContain("trusted_hash");

        McpInstaller.uninstall(t, false);
        assertThat(config).hasContent(USER_CONFIG.get(Program.CODEX));
        assertThat(SafeFiles.backupOf(config)).doesNotExist();
    }

    @Test
    void malformedConfig_isRefused_namingTheFile_nothingWritten() throws IOException {
        Path file = file(Program.CLAUDE, Scope.PROJECT);
        write(file, "{\"mcpServers\": {\n");
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> McpInstaller.install(target(Program.CLAUDE, Scope.PROJECT), false))
                .isInstanceOf(HuddleException.class).hasMessageContaining(file.toString()).hasMessageContaining("nothing was written");
        assertThat(snapshot()).isEqualTo(before);
    }
}
