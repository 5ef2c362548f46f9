package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command hooks of Claude Code, Codex, Gemini CLI and Cursor through a real {@code huddle serve}
 * ({@code HUDDLE_URL} + {@code HUDDLE_TOKEN}): each recorded payload gets the same stdout and exit
 * code as the hook on the file, denied and allowed; with the server stopped, every write guard
 * refuses in its program's protocol naming the server and how to start it, and the other events
 * carry on. Also the hook started outside any repository (cwd {@code /}): it finds the store from
 * the payload, or refuses the edit it cannot check. On each {@link Backend}: on SQLite the store is
 * the repository's default file, found from the hook's or the payload's directory; on PostgreSQL
 * every process (server, hooks on the store, CLI) gets {@code HUDDLE_DB}, as a team on PostgreSQL
 * sets it, and the server still decides by the payload's directory which repository an edit is in.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class HookThroughServerIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    /** A pre-tool call that writes: program, payload (a recorded one, or Cursor's from its documentation), event. */
    record Call(String program, String payload, String event) {}

    @Parameter
    Backend backend;

    @TempDir
    Path repo;
    @TempDir
    Path nowhere;
    private Backend.Store store;
    private Process server;
    private String url;
    private String token;

    @BeforeEach
    void startServer() throws Exception {
        store = backend.create(repo);
        Files.createDirectories(repo.resolve(".git"));
        HuddleProcess file = onStore(repo);
        assertThat(file.run("register", "other").exitCode()).isZero();
        assertThat(file.run("register", "me").exitCode()).isZero();
        Result locked = file.run("lock", "notes.txt", "out.txt", "--agent", "other", "--reason", "rewriting it", "--ttl", "2h");
        assertThat(locked.exitCode()).as(locked.toString()).isZero();
        token = file.run("token", "issue", "--agent", "me").stdout().strip();
        server = file.start("serve", "--bind", "127.0.0.1:0");
        url = HuddleProcess.firstLine(server, WAIT);
        assertThat(url).startsWith("http://127.0.0.1:");
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS); // its sessions end before the database is dropped
        }
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    /** {@code huddle} in {@code cwd} on the store itself: the repository's default file, or the test's database. */
    private HuddleProcess onStore(Path cwd) {
        return store.isPostgres() ? HuddleProcess.in(cwd).withDb(store.db()) : HuddleProcess.in(cwd);
    }

    List<Call> writes() {
        String cursor = "{\"conversation_id\":\"conv-1\",\"generation_id\":\"gen-1\",\"hook_event_name\":\"preToolUse\","
                + "\"workspace_roots\":[\"" + repo + "\"],\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\""
                + repo + "/notes.txt\"}}";
        return List.of(
                new Call("claude", recorded("claude-code", "PreToolUse.Write.json"), "PreToolUse"),
                new Call("claude", recorded("claude-code", "PreToolUse.Bash.json"), "PreToolUse"),
                new Call("codex", recorded("codex", "PreToolUse.apply_patch.add.json"), "pre-tool-use"),
                new Call("codex", recorded("codex", "PreToolUse.Bash.json"), "PreToolUse"),
                new Call("gemini", recorded("gemini", "BeforeTool.write_file.json"), "BeforeTool"),
                new Call("gemini", recorded("gemini", "BeforeTool.run_shell_command.json"), "BeforeTool"),
                new Call("cursor", cursor, "preToolUse"),
                new Call("cursor", "{\"conversation_id\":\"conv-1\",\"hook_event_name\":\"beforeShellExecution\","
                        + "\"command\":\"echo x > out.txt\",\"cwd\":\"" + repo + "\",\"workspace_roots\":[\"" + repo + "\"]}",
                        "beforeShellExecution"));
    }

    @Test
    void everyProgramsWriteGuard_answersThroughTheServer_asOnTheFile_deniedThenAllowed() {
        HuddleProcess onFile = onStore(repo).as("me");
        HuddleProcess throughServer = HuddleProcess.in(repo).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", token);
        for (Call call : writes()) {
            Result local = hook(onFile, call);
            Result remote = hook(throughServer, call);
            assertThat(local.stdout() + local.exitCode()).as(call + " on the file").containsAnyOf("deny", "block", "2");
            assertThat(remote.exitCode()).as(call + ": " + remote).isEqualTo(local.exitCode());
            // The lease's time left may tick between the two calls; everything else is the same text.
            assertThat(timeless(remote.stdout())).as(call.toString()).isEqualTo(timeless(local.stdout()));
            assertThat(remote.stdout()).as(call.toString()).contains("other").contains("rewriting it");
        }
        assertThat(onStore(repo).run("unlock", "notes.txt", "out.txt", "--agent", "other").exitCode()).isZero();
        for (Call call : writes()) {
            Result local = hook(onFile, call);
            Result remote = hook(throughServer, call);
            assertThat(remote.exitCode()).as(call + ": " + remote).isEqualTo(local.exitCode()).isZero();
            assertThat(remote.stdout()).as(call.toString()).isEqualTo(local.stdout());
            assertThat(remote.stdout()).as(call.toString()).doesNotContain("deny");
        }
    }

    /**
     * The launcher's thin client (bin/lib/thin.sh) hands each hook call, payload and all, to the
     * server: the same answers as the JVM client's, denied then allowed, for every program; with a
     * token and with the local credential of the store's server.
     */
    @Test
    void everyProgramsWriteGuard_throughTheLaunchersThinClient_answersAsTheJvmClient() {
        HuddleProcess jvm = HuddleProcess.in(repo).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", token);
        HuddleProcess thin = jvm.throughLauncher().withEnv("HUDDLE_THIN", "always");
        HuddleProcess thinLocal = HuddleProcess.in(repo).withEnv("HUDDLE_URL", url).as("me").throughLauncher()
                .withEnv("HUDDLE_THIN", "always");
        if (store.isPostgres()) {
            thinLocal = thinLocal.withDb(store.db());
        }
        for (boolean held : new boolean[] {true, false}) {
            for (Call call : writes()) {
                Result viaJvm = hook(jvm, call);
                for (HuddleProcess client : List.of(thin, thinLocal)) {
                    Result viaThin = hook(client, call);
                    assertThat(viaThin.exitCode()).as(call + ": " + viaThin + " / " + viaJvm).isEqualTo(viaJvm.exitCode());
                    assertThat(timeless(viaThin.stdout())).as(call.toString()).isEqualTo(timeless(viaJvm.stdout()));
                    assertThat(viaThin.stdout().contains("rewriting it")).as(call.toString()).isEqualTo(held);
                }
            }
            if (held) {
                assertThat(onStore(repo).run("unlock", "notes.txt", "out.txt", "--agent", "other").exitCode()).isZero();
            }
        }
    }

    @Test
    void sessionStartThroughTheServer_bindsTheSessionToTheTokensAgent_andItsEditsAreLoggedAsItsOwn() {
        HuddleProcess throughServer = HuddleProcess.in(repo).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", token);
        Result start = throughServer.run(recorded("codex", "SessionStart.startup.json").getBytes(StandardCharsets.UTF_8),
                "hook", "codex", "SessionStart");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.stdout()).contains("me").contains("notes.txt");
        Result post = throughServer.run(recorded("codex", "PostToolUse.apply_patch.json").getBytes(StandardCharsets.UTF_8),
                "hook", "codex", "PostToolUse");
        assertThat(post.exitCode()).as(post.toString()).isZero();
        Result agents = onStore(repo).run("agents", "--all", "--json");
        assertThat(agents.jsonList("agents")).extracting(a -> a.get("id")).containsExactlyInAnyOrder("other", "me");
        Result log = onStore(repo).run("log", "--path", "notes.txt", "--json");
        assertThat(log.jsonList("events")).anySatisfy(e -> assertThat(e.get("agent")).isEqualTo("me"));
    }

    @Test
    void serverDown_everyWriteGuardRefuses_namingTheServer_andTheOtherEventsCarryOn() throws Exception {
        server.destroy();
        assertThat(server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        HuddleProcess throughServer = HuddleProcess.in(repo).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", token);
        String reason = "cannot reach huddle server at " + url + " (connection refused); start it with `huddle serve`"
                + " or unset HUDDLE_URL";
        for (Call call : writes()) {
            Result r = hook(throughServer, call);
            assertThat(r.exitCode()).as(call + ": " + r).isZero();
            assertThat(r.stdout()).as(call.toString()).containsAnyOf("\"deny\"", "\"permissionDecision\":\"deny\"")
                    .contains(reason.replace("`", "`"));
            assertThat(r.stderr()).as(call.toString()).contains("cannot reach huddle server at " + url);
        }
        // A tool that writes nothing needs no server.
        Result read = throughServer.run(recorded("claude-code", "PreToolUse.Bash.json").replace("echo x > out.txt", "ls")
                .getBytes(StandardCharsets.UTF_8), "hook", "claude", "PreToolUse");
        assertThat(read.exitCode()).isZero();
        assertThat(read.stdout()).isEmpty();
        assertThat(read.stderr()).isEmpty();
        // The others go on: a warning in the context where the protocol has one, nothing that blocks.
        Result prompt = throughServer.run(recorded("claude-code", "UserPromptSubmit.json").getBytes(StandardCharsets.UTF_8),
                "hook", "claude", "UserPromptSubmit");
        assertThat(prompt.exitCode()).isZero();
        assertThat(prompt.stdout()).contains("additionalContext").contains("cannot reach huddle server");
        Result stop = throughServer.run(recorded("gemini", "AfterAgent.json").getBytes(StandardCharsets.UTF_8),
                "hook", "gemini", "AfterAgent");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.stdout()).doesNotContain("block").doesNotContain("deny");
        assertThat(stop.stderr()).contains("cannot reach huddle server");
    }

    @Test
    void aHookRunningOutsideAnyRepository_findsTheStoreFromThePayload_orRefusesTheEdit() {
        // cwd "/", as a hook started by a program whose own directory is elsewhere: the payload's cwd is the repo.
        Result fromPayload = onStore(Path.of("/")).as("me")
                .run(recorded("claude-code", "PreToolUse.Write.json").getBytes(StandardCharsets.UTF_8), "hook", "claude",
                        "PreToolUse");
        assertThat(fromPayload.exitCode()).as(fromPayload.toString()).isZero();
        assertThat(fromPayload.stdout()).contains("\"permissionDecision\":\"deny\"").contains("other");
        // No cwd in the payload: the written file's repository.
        String noCwd = recorded("gemini", "BeforeTool.write_file.json").replace("\"cwd\": \"" + repo + "\",", "")
                .replace("\"cwd\":\"" + repo + "\",", "");
        assertThat(noCwd).doesNotContain("\"cwd\"");
        Result fromFile = onStore(Path.of("/")).as("me").run(noCwd.getBytes(StandardCharsets.UTF_8),
                "hook", "gemini", "BeforeTool");
        assertThat(fromFile.stdout()).as(fromFile.toString()).contains("\"decision\":\"deny\"").contains("other");
        // Nowhere: no repository around the hook, the session or the file; the edit is refused, not let through.
        String outside = recorded("claude-code", "PreToolUse.Write.json").replace(repo.toString(), nowhere.toString());
        Result lost = HuddleProcess.in(nowhere).as("me").run(outside.getBytes(StandardCharsets.UTF_8), "hook", "claude",
                "PreToolUse");
        assertThat(lost.exitCode()).isZero();
        assertThat(lost.stdout()).contains("\"permissionDecision\":\"deny\"").contains("no Huddle store found");
        assertThat(nowhere.resolve(".huddle")).doesNotExist();
    }

    @Test
    void aLinkedWorktreesHooks_areCheckedInTheServersRepository_anotherRepositorysAreRefused() throws Exception {
        // A linked worktree of the repository, as git lays it out: its .git names a private git dir whose
        // commondir is the repository's .git, so it shares the store; its files are the repository's files.
        Path worktree = nowhere.resolve("wt");
        Path gitDir = repo.resolve(".git/worktrees/wt");
        Files.createDirectories(worktree);
        Files.createDirectories(gitDir);
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
        Files.writeString(worktree.resolve(".git"), "gitdir: " + gitDir + "\n");
        byte[] write = recorded("claude-code", "PreToolUse.Write.json").replace(repo.toString(), worktree.toString())
                .getBytes(StandardCharsets.UTF_8);
        Result local = onStore(worktree).as("me").run(write, "hook", "claude", "PreToolUse");
        Result remote = HuddleProcess.in(worktree).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", token)
                .run(write, "hook", "claude", "PreToolUse");
        assertThat(local.stdout()).as(local.toString()).contains("\"permissionDecision\":\"deny\"").contains("other");
        assertThat(remote.exitCode()).isEqualTo(local.exitCode());
        assertThat(timeless(remote.stdout())).isEqualTo(timeless(local.stdout()));

        // Another repository: the server cannot check its edits, so it refuses them rather than let them through.
        Path other = nowhere.resolve("other");
        Files.createDirectories(other.resolve(".git"));
        byte[] elsewhere = recorded("claude-code", "PreToolUse.Write.json").replace(repo.toString(), other.toString())
                .getBytes(StandardCharsets.UTF_8);
        Result refused = HuddleProcess.in(other).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", token)
                .run(elsewhere, "hook", "claude", "PreToolUse");
        assertThat(refused.exitCode()).isZero();
        assertThat(refused.stdout()).contains("\"permissionDecision\":\"deny\"")
                .contains("which is not in the repository this huddle serve serves");
    }

    private static Result hook(HuddleProcess huddle, Call call) {
        return huddle.run(call.payload().getBytes(StandardCharsets.UTF_8), "hook", call.program(), call.event());
    }

    private String recorded(String program, String file) {
        try (InputStream in = getClass().getResourceAsStream("/hook-payloads/" + program + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"/repo", "\"" + repo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String timeless(String text) {
        return text.replaceAll("\\d+", "N");
    }
}
