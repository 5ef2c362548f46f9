package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.huddle.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code install}, {@code uninstall} and {@code guard} as the CLI runs them, in-process. */
class InstallCliTest {

    @TempDir
    Path repo;
    @TempDir
    Path home;

    CliRun run(String... args) {
        return CliRun.withHome(repo, home, args);
    }

    @Nested
    class Install {

        @Test
        void install_thenAgain_thenUninstall_reportsEachFile() throws IOException {
            Files.createDirectories(repo.resolve(".git"));

            CliRun first = run("install", "claude");
            CliRun second = run("install", "claude");
            CliRun removed = run("uninstall", "claude");

            assertThat(first.code()).isZero();
            assertThat(first.out()).contains("install Claude Code (project scope)",
                    repo.resolve(".claude/settings.json") + ": created", ".claude/skills/huddle/SKILL.md: created",
                    "AGENTS.md: created", "hooks: SessionStart, UserPromptSubmit, PreToolUse, PostToolUse, Stop, SessionEnd -> ",
                    "bin/huddle hook claude <event>");
            assertThat(second.out()).contains("settings.json: unchanged", "SKILL.md: unchanged", "AGENTS.md: unchanged");
            assertThat(removed.code()).isZero();
            assertThat(removed.out()).contains("settings.json: removed", "SKILL.md: removed");
            assertThat(repo.resolve(".claude")).doesNotExist();
        }

        @Test
        void install_dryRunJson_hasTheDiffs_andWritesNothing() {
            CliRun r = run("install", "gemini", "--dry-run", "--json");

            assertThat(r.code()).isZero();
            Map<String, Object> json = Json.readObject(r.out());
            assertThat(json).containsEntry("program", "gemini").containsEntry("scope", "project").containsEntry("dry_run", true);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> files = (List<Map<String, Object>>) json.get("files");
            assertThat(files.getFirst()).containsEntry("change", "created");
            assertThat((String) files.getFirst().get("diff")).startsWith("--- /dev/null\n+++ " + repo.resolve(".gemini/settings.json"));
            assertThat(repo.resolve(".gemini")).doesNotExist();
            assertThat(repo.resolve("AGENTS.md")).doesNotExist();
        }

        @Test
        void install_userScope_noAgentsMd() {
            CliRun r = run("install", "cursor", "--scope", "user");

            assertThat(r.code()).isZero();
            assertThat(home.resolve(".cursor/hooks.json")).exists();
            assertThat(repo.resolve("AGENTS.md")).doesNotExist();
        }

        @Test
        void install_malformedSettings_exit1_namesFileAndLine() throws IOException {
            Files.createDirectories(repo.resolve(".claude"));
            Files.writeString(repo.resolve(".claude/settings.json"), "{\n  \"a\": 1\n  \"b\": 2\n}\n");

            CliRun r = run("install", "claude");

            assertThat(r.code()).isEqualTo(ExitCode.ERROR);
            assertThat(r.err()).startsWith("huddle: " + repo.resolve(".claude/settings.json") + " is not valid JSON at line 3");
            assertThat(repo.resolve("AGENTS.md")).doesNotExist();
        }

        @Test
        void install_http_writesHttpHooks_andUninstallRemovesThem() throws IOException {
            HttpServer server = health("{\"status\":\"ok\",\"hooks\":[\"claude\"]}");
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            CliRun r;
            try {
                r = run("install", "claude", "--http", base + "/");
            } finally {
                server.stop(0);
            }

            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("hooks: SessionStart -> ", "bin/huddle hook claude <event>; UserPromptSubmit, PreToolUse,"
                    + " PostToolUse, Stop, SessionEnd -> POST " + base + "/api/v1/hooks/claude/<event>",
                    "HUDDLE_TOKEN");
            assertThat(Files.readString(repo.resolve(".claude/settings.json")))
                    .contains("\"url\": \"" + base + "/api/v1/hooks/claude/pre-tool-use\"");

            CliRun removed = run("uninstall", "claude");

            assertThat(removed.code()).isZero();
            assertThat(repo.resolve(".claude")).doesNotExist();
        }

        @Test
        void install_http_json_namesTheUrl() throws IOException {
            HttpServer server = health("{\"status\":\"ok\",\"hooks\":[\"claude\"]}");
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            try {
                CliRun r = run("install", "claude", "--http", base, "--dry-run", "--json");

                assertThat(r.code()).isZero();
                assertThat(Json.readObject(r.out())).containsEntry("url", "POST " + base + "/api/v1/hooks/claude/<event>");
                assertThat(repo.resolve(".claude")).doesNotExist();
            } finally {
                server.stop(0);
            }
        }

        @Test
        void install_http_whenNoServerAnswers_orItServesNoHooks_isRefused_nothingWritten() throws IOException {
            HttpServer closed = health("{}");
            String nobody = "http://127.0.0.1:" + closed.getAddress().getPort();
            closed.stop(0);
            CliRun unreachable = run("install", "claude", "--http", nobody);

            assertThat(unreachable.code()).isEqualTo(ExitCode.ERROR);
            assertThat(unreachable.err()).contains("no Huddle server answers at " + nobody, "huddle serve").hasLineCount(1);

            HttpServer noHooks = health("{\"status\":\"ok\"}");
            String base = "http://127.0.0.1:" + noHooks.getAddress().getPort();
            try {
                CliRun refused = run("install", "claude", "--http", base);

                assertThat(refused.code()).isEqualTo(ExitCode.ERROR);
                assertThat(refused.err()).contains("does not answer Claude Code's hooks", "block every edit").hasLineCount(1);
            } finally {
                noHooks.stop(0);
            }
            assertThat(repo.resolve(".claude")).doesNotExist();
            assertThat(repo.resolve("AGENTS.md")).doesNotExist();
        }

        /** A real HTTP server on a free loopback port answering {@code /api/v1/health} with {@code body}. */
        private HttpServer health(String body) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/health", exchange -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        }

        @Test
        void install_http_forTheOtherPrograms_isUsage_sayingTheirCommandHooksUseTheServer() {
            for (String program : List.of("codex", "gemini", "cursor")) {
                CliRun r = run("install", program, "--http", "http://127.0.0.1:7777");

                assertThat(r.code()).as(program).isEqualTo(ExitCode.USAGE);
                assertThat(r.err()).as(program).contains("has no HTTP hooks", "command hooks use the server")
                        .hasLineCount(1);
            }
            assertThat(repo.resolve(".codex")).doesNotExist();
            assertThat(repo.resolve("AGENTS.md")).doesNotExist();
        }

        @Test
        void install_http_badUrl_isUsage_oneLine_nothingWritten() {
            for (String url : List.of("ftp://h", "http://u:p@h", "http://h/?a=1", "nonsense")) {
                CliRun r = run("install", "claude", "--http", url);

                assertThat(r.code()).as(url).isEqualTo(ExitCode.USAGE);
                assertThat(r.err()).as(url).startsWith("huddle: --http " + url + ": ").hasLineCount(1);
            }
            assertThat(repo.resolve(".claude")).doesNotExist();
            assertThat(repo.resolve("AGENTS.md")).doesNotExist();
        }

        @Test
        void install_badProgramOrScope_isUsage() {
            assertThat(run("install", "vim").code()).isEqualTo(ExitCode.USAGE);
            assertThat(run("install", "claude", "--scope", "global").code()).isEqualTo(ExitCode.USAGE);
            assertThat(run("install").code()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Nested
    class Guard {

        @Test
        void guard_badUse_isUsage() {
            assertThat(run("guard").code()).isEqualTo(ExitCode.USAGE);
            assertThat(run("guard", "check", "--dry-run").code()).isEqualTo(ExitCode.USAGE);
            assertThat(run("guard", "install", "--staged").code()).isEqualTo(ExitCode.USAGE);
        }

        @Test
        void guard_outsideGit_isAnError() {
            CliRun r = run("guard", "install");

            assertThat(r.code()).isEqualTo(ExitCode.ERROR);
            assertThat(r.err()).contains("git rev-parse");
        }
    }

    @Test
    void help_listsTheNewCommands() {
        assertThat(run("--help").out()).contains("  install ", "  uninstall ", "  guard ");
        assertThat(run("install", "--help").out()).contains("--scope SCOPE", "--http URL", "--dry-run");
    }
}
