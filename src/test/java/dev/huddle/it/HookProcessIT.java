package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code huddle hook} as the agent programs run it: a real process per call, the recorded payload
 * on stdin, the answer read from stdout and the exit code. The in-process adapter tests cover every
 * payload; these make sure nothing differs when the JVM, its AOT cache and real streams are involved.
 * Each {@link Backend}: the default SQLite file under {@code .git}, or a PostgreSQL database.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class HookProcessIT {

    @Parameter
    Backend backend;

    @TempDir
    Path repo;
    Backend.Store store;
    HuddleProcess huddle;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        store = backend.create(repo);
        huddle = store.isPostgres() ? HuddleProcess.in(repo).withDb(store.db()) : HuddleProcess.in(repo);
        assertThat(huddle.run("register", "other").exitCode()).isZero();
    }

    @AfterEach
    void dropStore() {
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    String payload(String program, String file) {
        try (InputStream in = getClass().getResourceAsStream("/hook-payloads/" + program + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"/repo", "\"" + repo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HuddleProcess.Result hook(String program, String file, String event) {
        return huddle.run(payload(program, file).getBytes(StandardCharsets.UTF_8), "hook",
                program.equals("claude-code") ? "claude" : program, event);
    }

    @Test
    void preToolUse_heldByAnother_deniedInTheProgramsProtocol_exit0() {
        huddle.run("lock", "held.txt", "--agent", "other", "--reason", "rewriting it");
        HuddleProcess.Result claude = hook("claude-code", "PreToolUse.Write.bypassPermissions.json", "PreToolUse");
        assertThat(claude.exitCode()).as(claude.toString()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> specific = (Map<String, Object>) claude.json().get("hookSpecificOutput");
        assertThat(specific).containsEntry("hookEventName", "PreToolUse").containsEntry("permissionDecision", "deny");
        assertThat((String) specific.get("permissionDecisionReason")).startsWith("Huddle: this edit is refused: held.txt"
                + " is leased by other (exclusive, ").contains("<huddle-context trust=\"untrusted\">\n")
                .endsWith("- other: held.txt, reason: rewriting it\n</huddle-context>");
        assertThat(claude.stderr()).isEmpty();
        HuddleProcess.Result codex = hook("codex", "PreToolUse.Bash.workspace-write.json", "pre-tool-use");
        assertThat(codex.json()).containsKey("hookSpecificOutput");
        HuddleProcess.Result gemini = hook("gemini", "BeforeTool.run_shell_command.json", "BeforeTool");
        assertThat(gemini.exitCode()).isZero();
        assertThat(gemini.stdout()).isEmpty();
    }

    @Test
    void preToolUse_free_noOutput_exit0() {
        HuddleProcess.Result r = hook("claude-code", "PreToolUse.Bash.json", "PreToolUse");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void aSession_startPromptStopEnd_throughRealProcesses() {
        assertThat(hook("claude-code", "SessionStart.startup.json", "SessionStart").stdout()).contains("claude-1");
        huddle.run("send", "claude-1", "please answer", "--agent", "other");
        assertThat(hook("claude-code", "Stop.json", "Stop").json()).containsEntry("decision", "block");
        assertThat(hook("claude-code", "Stop.stop_hook_active.json", "Stop").stdout()).isEmpty();
        assertThat(hook("claude-code", "SessionEnd.json", "SessionEnd").exitCode()).isZero();
        assertThat(huddle.run("agents").stdout()).contains("claude-1").contains("idle");
    }

    /** SQLite: the file is not a database; PostgreSQL: the database named does not exist. */
    @Test
    void preToolUse_whenTheStoreIsUnusable_denied_neverAStackTrace() throws Exception {
        if (store.isPostgres()) {
            huddle = huddle.withDb(store.db() + "_missing");
        } else {
            Files.createDirectories(repo.resolve(".git/huddle"));
            Files.writeString(repo.resolve(".git/huddle/huddle.db"), "not a database ".repeat(500));
        }
        HuddleProcess.Result r = hook("claude-code", "PreToolUse.Write.json", "PreToolUse");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("\"permissionDecision\":\"deny\"").contains("could not check");
        assertThat(r.stderrLines()).hasSize(1);
        assertThat(r.stderr()).doesNotContain("at dev.huddle");
    }

    @Test
    void preToolUse_whenStdinIsNotJson_denied() {
        HuddleProcess.Result r = huddle.run("garbage".getBytes(StandardCharsets.UTF_8), "hook", "claude", "pre-tool-use");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("\"permissionDecision\":\"deny\"").contains("not a JSON object");
    }
}
