package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.api.HookPaths;
import dev.huddle.core.HuddleException;
import dev.huddle.integration.install.FileOutcome.Change;
import dev.huddle.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code install claude --http URL} into real files that already hold the user's own command and HTTP hooks. */
class HttpHooksInstallTest {

    static final String LAUNCHER = "/opt/huddle/bin/huddle";
    static final String SERVER = "http://127.0.0.1:7431";

    /** Hand-formatted, with the user's own command hook and HTTP hook on events Huddle uses too. */
    static final String USERS = """
            {
                "permissions": {"allow": ["Bash(npm test)"]},
                "hooks": {
                    "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./check.sh"}]}],
                    "Stop": [{"hooks": [{"type": "http", "url": "https://audit.example.com/hooks/stop",
                              "headers": {"X-Key": "$AUDIT_KEY"}, "allowedEnvVars": ["AUDIT_KEY"]}]}]
                }
            }
            """;

    @TempDir
    Path repo;
    @TempDir
    Path home;

    InstallTarget target(Optional<String> http) {
        return new InstallTarget(Program.CLAUDE, Scope.PROJECT, repo, home, home.resolve(".codex"), LAUNCHER, false, http);
    }

    InstallTarget http(String base) {
        return target(Optional.of(base));
    }

    Path settings() {
        return repo.resolve(".claude/settings.json");
    }

    void writeUsers() throws IOException {
        Files.createDirectories(settings().getParent());
        Files.writeString(settings(), USERS);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> hooks() throws IOException {
        return (Map<String, Object>) Json.readObject(Files.readString(settings())).get("hooks");
    }

    /** Every handler on the event, in order, across its groups. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> handlers(String event) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object g : (List<Object>) hooks().get(event)) {
            for (Object h : (List<Object>) ((Map<String, Object>) g).get("hooks")) {
                out.add((Map<String, Object>) h);
            }
        }
        return out;
    }

    @Nested
    class Install {

        @Test
        void install_writesHttpHooks_exceptSessionStart_withTheTokenFromTheEnvironment() throws IOException {
            writeUsers();

            InstallReport r = Installer.install(http(SERVER), false);

            assertThat(r.url()).contains("POST " + SERVER + "/api/v1/hooks/claude/<event>");
            assertThat(handlers("SessionStart")).singleElement()
                    .satisfies(h -> assertThat(h).containsEntry("type", "command")
                            .containsEntry("command", LAUNCHER + " hook claude SessionStart --url " + SERVER));
            for (String event : HookPaths.CLAUDE_EVENTS) {
                Map<String, Object> ours = handlers(event).getLast();
                assertThat(ours).as(event).containsEntry("type", "http")
                        .containsEntry("url", SERVER + HookPaths.claude(event))
                        .containsEntry("headers", Map.of("Authorization", "Bearer $HUDDLE_TOKEN"))
                        .containsEntry("allowedEnvVars", List.of("HUDDLE_TOKEN"))
                        .containsKey("timeout");
                if (event.equals("PreToolUse")) {
                    assertThat(ours).containsEntry("onFailure", "block");
                } else {
                    assertThat(ours).doesNotContainKey("onFailure");
                }
            }
            assertThat(handlers("PreToolUse").getFirst()).containsEntry("command", "./check.sh");
            assertThat(handlers("Stop").getFirst()).containsEntry("url", "https://audit.example.com/hooks/stop");
            assertThat(Files.readString(settings())).contains("\"permissions\"");
        }

        @Test
        void install_twice_isByteIdentical_andTheSecondChangesNothing() throws IOException {
            writeUsers();

            Installer.install(http(SERVER), false);
            String once = Files.readString(settings());
            InstallReport again = Installer.install(http(SERVER), false);

            assertThat(Files.readString(settings())).isEqualTo(once);
            assertThat(again.files()).allSatisfy(f -> assertThat(f.change()).isEqualTo(Change.UNCHANGED));
        }

        @Test
        void uninstall_restoresTheOriginalBytes_andDropsTheBackup() throws IOException {
            writeUsers();

            Installer.install(http(SERVER), false);
            Installer.uninstall(target(Optional.empty()), false);

            assertThat(Files.readString(settings())).isEqualTo(USERS);
            assertThat(SafeFiles.backupOf(settings())).doesNotExist();
        }

        @Test
        void uninstall_afterTheUserAddedAHook_removesOnlyHuddlesEntries_commandAndHttp() throws IOException {
            writeUsers();
            Installer.install(http(SERVER), false);
            String installed = Files.readString(settings());
            Files.writeString(settings(), installed.replace("\"permissions\": {", "\"model\": \"opus\",\n  \"permissions\": {"));

            Installer.uninstall(target(Optional.empty()), false);

            String left = Files.readString(settings());
            assertThat(left).contains("\"model\": \"opus\"", "./check.sh", "https://audit.example.com/hooks/stop")
                    .doesNotContain("hook claude", "/api/v1/hooks/claude/", "HUDDLE_TOKEN");
            assertThat(hooks()).containsOnlyKeys("PreToolUse", "Stop");
        }

        @Test
        void uninstall_ofAFileHuddleCreated_deletesIt() throws IOException {
            Installer.install(http(SERVER), false);
            assertThat(settings()).exists();

            Installer.uninstall(target(Optional.empty()), false);

            assertThat(repo.resolve(".claude")).doesNotExist();
        }

        @Test
        void install_neverWritesTheTokenItself() throws IOException {
            Installer.install(http(SERVER), false);

            // no variable is read at install time: the file holds the reference Claude Code fills in, nothing else
            assertThat(Files.readString(settings())).contains("Bearer $HUDDLE_TOKEN").doesNotContainPattern("Bearer [^$]");
        }

        @Test
        void install_whenTheSettingsDirectoryIsASymlink_isRefused_andNothingIsWritten(@TempDir Path elsewhere)
                throws IOException {
            Files.createSymbolicLink(repo.resolve(".claude"), elsewhere);

            assertThatThrownBy(() -> Installer.install(http(SERVER), false)).isInstanceOf(HuddleException.class)
                    .hasMessageContaining("symbolic link");
            try (var files = Files.list(elsewhere)) {
                assertThat(files).isEmpty();
            }
        }

        @Test
        void dryRun_showsTheDiff_andWritesNothing() throws IOException {
            writeUsers();

            InstallReport r = Installer.install(http(SERVER), true);

            assertThat(Files.readString(settings())).isEqualTo(USERS);
            assertThat(SafeFiles.backupOf(settings())).doesNotExist();
            FileOutcome f = r.files().getFirst();
            assertThat(f.change()).isEqualTo(Change.UPDATED);
            assertThat(f.diff()).contains("+            \"type\": \"http\"", "+            \"url\": \"" + SERVER
                    + "/api/v1/hooks/claude/pre-tool-use\"", "+            \"onFailure\": \"block\"");
        }
    }

    @Nested
    class Switching {

        @Test
        void commandThenHttp_replacesHuddlesHandlersInPlace_andKeepsTheUsers() throws IOException {
            writeUsers();
            Installer.install(target(Optional.empty()), false);
            List<Map<String, Object>> preBefore = handlers("PreToolUse");

            Installer.install(http(SERVER), false);

            for (String event : HookPaths.CLAUDE_EVENTS) {
                assertThat(handlers(event).stream().filter(h -> LAUNCHER.equals(commandExe(h)))).as(event).isEmpty();
                assertThat(handlers(event).stream().filter(h -> String.valueOf(h.get("url")).startsWith(SERVER)))
                        .as(event).hasSize(1);
            }
            assertThat(handlers("PreToolUse")).hasSize(preBefore.size());
            assertThat(handlers("PreToolUse").getFirst()).containsEntry("command", "./check.sh");
            assertThat(handlers("SessionStart")).singleElement().satisfies(h -> assertThat(h).containsEntry("type", "command"));
        }

        @Test
        void httpThenCommand_bringsBackExactlyTheCommandInstallation() throws IOException {
            writeUsers();
            Installer.install(target(Optional.empty()), false);
            String commandInstalled = Files.readString(settings());

            Installer.install(http(SERVER), false);
            Installer.install(target(Optional.empty()), false);

            assertThat(Files.readString(settings())).isEqualTo(commandInstalled);
        }

        @Test
        void anotherServer_replacesTheUrl_withoutASecondEntry() throws IOException {
            writeUsers();
            Installer.install(http(SERVER), false);
            String first = Files.readString(settings());

            Installer.install(http("https://huddle.example.com/team"), false);

            assertThat(Files.readString(settings())).doesNotContain(SERVER)
                    .isEqualTo(first.replace(SERVER, "https://huddle.example.com/team"));
        }

        @Test
        void uninstall_afterSwitching_restoresTheOriginal() throws IOException {
            writeUsers();
            Installer.install(target(Optional.empty()), false);
            Installer.install(http(SERVER), false);

            Installer.uninstall(target(Optional.empty()), false);

            assertThat(Files.readString(settings())).isEqualTo(USERS);
        }

        @Test
        void aUsersHttpHook_onAnotherPath_isNeverTakenForHuddles() throws IOException {
            writeUsers();
            Installer.install(target(Optional.empty()), false);

            Installer.install(http(SERVER), false);
            Installer.uninstall(target(Optional.empty()), false);

            assertThat(Files.readString(settings())).contains("https://audit.example.com/hooks/stop");
        }

        private static String commandExe(Map<String, Object> handler) {
            return handler.get("command") instanceof String c ? c.split(" ")[0] : null;
        }
    }

    @Nested
    class Urls {

        @ParameterizedTest
        @ValueSource(strings = {"ftp://127.0.0.1:7431", "127.0.0.1:7431", "http://user:secret@127.0.0.1:7431",
            "http://127.0.0.1:7431/?token=x", "http://127.0.0.1:7431/#top", "http:///nohost", "http://127.0.0.1:7431/api/v1",
            "http://bad host", ""})
        void badUrls_areInvalidInput_namingTheUrl(String url) {
            assertThatThrownBy(() -> HookUrl.parse(url)).isInstanceOfSatisfying(HuddleException.class,
                    e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT))
                    .hasMessageStartingWith("--http " + url + ": ").hasMessageNotContaining("\n");
        }

        @Test
        void credentials_areRefused_notDropped() {
            assertThatThrownBy(() -> HookUrl.parse("https://u:p@h.example.com")).hasMessageContaining("HUDDLE_TOKEN");
        }

        @Test
        void goodUrls_loseTheirTrailingSlash_andKeepAPathPrefix() {
            assertThat(HookUrl.parse("http://127.0.0.1:7431/")).isEqualTo("http://127.0.0.1:7431");
            assertThat(HookUrl.parse("HTTPS://huddle.example.com/team/")).isEqualTo("https://huddle.example.com/team");
            assertThat(HookUrl.parse("http://[::1]:7431")).isEqualTo("http://[::1]:7431");
        }

        @Test
        void hookPaths_roundTrip_andOtherPathsAreNotHuddles() {
            for (String event : HookPaths.CLAUDE_EVENTS) {
                assertThat(HookPaths.claudeEvent("https://h/x" + HookPaths.claude(event)))
                        .contains(new HookPaths.Match(event, "https://h/x"));
            }
            assertThat(HookPaths.claude("PreToolUse")).isEqualTo("/api/v1/hooks/claude/pre-tool-use");
            assertThat(HookPaths.claudeEvent("http://h/api/v1/hooks/claude/session-start")).isEmpty();
            assertThat(HookPaths.claudeEvent("http://h/hooks/stop")).isEmpty();
        }
    }
}
