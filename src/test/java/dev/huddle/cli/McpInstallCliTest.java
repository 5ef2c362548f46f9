package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code install <program> --mcp} and {@code uninstall <program> --mcp} as the CLI runs them, in-process. */
class McpInstallCliTest {

    @TempDir
    Path repo;
    @TempDir
    Path home;

    CliRun run(String... args) {
        return CliRun.withHome(repo, home, args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void claude_install_thenAgain_thenUninstall_keepsTheUsersServers() throws IOException {
        Path mcpJson = repo.resolve(".mcp.json");
        String users = "{\"mcpServers\": {\"github\": {\"command\": \"gh-mcp\"}}}\n";
        Files.writeString(mcpJson, users);

        CliRun first = run("install", "claude", "--mcp");
        String installed = Files.readString(mcpJson);
        CliRun second = run("install", "claude", "--mcp");

        assertThat(first.code()).isZero();
        assertThat(first.out()).contains("install Claude Code (project scope)", mcpJson + ": updated (original in "
                + mcpJson + ".huddle-backup)", "mcp server: huddle -> ", "huddle mcp (stdio)");
        Map<String, Object> servers = (Map<String, Object>) Json.readObject(installed).get("mcpServers");
        assertThat(servers).containsKeys("github", "huddle");
        Map<String, Object> huddle = (Map<String, Object>) servers.get("huddle");
        assertThat((String) huddle.get("command")).endsWith("/huddle");
        assertThat(huddle.get("args")).isEqualTo(List.of("mcp"));
        assertThat(huddle).containsEntry("alwaysLoad", true);
        assertThat(second.out()).contains(mcpJson + ": unchanged");
        assertThat(mcpJson).hasContent(installed);
        assertThat(repo.resolve("AGENTS.md")).doesNotExist();
        assertThat(repo.resolve(".claude")).doesNotExist();

        CliRun removed = run("uninstall", "claude", "--mcp");

        assertThat(removed.code()).isZero();
        assertThat(removed.out()).contains(mcpJson + ": restored");
        assertThat(mcpJson).hasContent(users);
        assertThat(Path.of(mcpJson + ".huddle-backup")).doesNotExist();
    }

    @Test
    void codex_userScope_writesConfigToml_andUninstallRemovesIt() throws IOException {
        CliRun r = run("install", "codex", "--mcp", "--scope", "user");

        Path config = home.resolve(".codex/config.toml");
        assertThat(r.code()).isZero();
        assertThat(Files.readString(config)).contains("[mcp_servers.huddle]\ncommand = \"", "args = [\"mcp\"]",
                "# huddle:begin mcp (written by 'huddle install codex --mcp'");
        assertThat(run("uninstall", "codex", "--mcp", "--scope", "user").code()).isZero();
        assertThat(config).doesNotExist();
    }

    @Test
    void dryRunJson_hasTheDiff_andWritesNothing() {
        for (String program : List.of("claude", "codex", "gemini", "cursor")) {
            CliRun r = run("install", program, "--mcp", "--dry-run", "--json");

            assertThat(r.code()).as(program).isZero();
            Map<String, Object> json = Json.readObject(r.out());
            assertThat(json).containsEntry("program", program).containsEntry("dry_run", true);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> files = (List<Map<String, Object>>) json.get("files");
            assertThat(files).singleElement().satisfies(f -> {
                assertThat(f).containsEntry("change", "created");
                assertThat((String) f.get("diff")).startsWith("--- /dev/null\n").contains("mcp");
                if (program.equals("claude")) {
                    assertThat((String) f.get("diff")).contains("+      \"alwaysLoad\": true");
                }
            });
        }
        assertThat(repo.toFile().list()).isEmpty();
        assertThat(home.toFile().list()).isEmpty();
    }

    @Test
    void badInput_isUsage_oneLine_nothingWritten() {
        CliRun http = run("install", "claude", "--mcp", "--http", "http://127.0.0.1:7777");
        CliRun program = run("install", "vim", "--mcp");
        CliRun scope = run("uninstall", "gemini", "--mcp", "--scope", "global");

        for (CliRun r : List.of(http, program, scope)) {
            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("huddle: ").hasLineCount(1);
        }
        assertThat(http.err()).contains("--http is for hooks");
        assertThat(repo.toFile().list()).isEmpty();
        assertThat(home.toFile().list()).isEmpty();
    }

    @Test
    void aMalformedConfig_isRefused_namingTheFile_nothingWritten() throws IOException {
        Files.createDirectories(repo.resolve(".cursor"));
        Files.writeString(repo.resolve(".cursor/mcp.json"), "{\n  \"mcpServers\": {\n");

        CliRun r = run("install", "cursor", "--mcp");

        assertThat(r.code()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).startsWith("huddle: " + repo.resolve(".cursor/mcp.json") + " is not valid JSON").hasLineCount(1);
        assertThat(repo.resolve(".cursor/mcp.json")).hasContent("{\n  \"mcpServers\": {\n");
        assertThat(repo.resolve(".cursor/mcp.json.huddle-backup")).doesNotExist();
    }
}
