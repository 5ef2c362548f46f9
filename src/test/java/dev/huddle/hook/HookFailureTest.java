package dev.huddle.hook;

import static dev.huddle.hook.HookRun.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The failure policy (DESIGN §5): an edit Huddle cannot check is never let through silently. It
 * is refused with the reason by default, or let through with a warning when huddle.toml says so;
 * elsewhere the model is told, and a Stop or a session end goes on. Always exit 0 or a JSON answer
 * the program honours, one line on stderr, never a stack trace.
 */
class HookFailureTest {

    static final String CANNOT_CHECK = "Huddle could not check whether this edit touches a file another agent has"
            + " leased, so it refuses the edit to be safe: ";

    @TempDir
    Path repo;

    @BeforeEach
    void gitRepository() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
    }

    HookRun hook(String stdin, String... args) {
        return HookRun.in(repo, Map.of(), stdin, args);
    }

    HookRun recorded(String program, String file, String event) {
        return hook(payload(program, file, repo), "hook", program.equals("claude-code") ? "claude" : program, event);
    }

    void corruptStore() throws Exception {
        Files.createDirectories(repo.resolve(".git/huddle"));
        Files.writeString(repo.resolve(".git/huddle/huddle.db"), "this is not a database, just text ".repeat(200));
    }

    void allowWithWarning() throws Exception {
        Files.writeString(repo.resolve("huddle.toml"), "[hooks]\non_internal_error = \"allow-with-warning\"\n");
    }

    /** The reason of a Claude Code / Codex deny, or null when the answer is not one. */
    static String denyReason(HookRun r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> specific = (Map<String, Object>) Json.readObject(r.out()).get("hookSpecificOutput");
        return specific != null && "deny".equals(specific.get("permissionDecision"))
                ? (String) specific.get("permissionDecisionReason") : null;
    }

    @Nested
    class StoreBroken {

        @Test
        void preToolUse_whenTheStoreIsCorrupt_refusedSayingWhy_oneLineOnStderr() throws Exception {
            corruptStore();
            HookRun r = recorded("claude-code", "PreToolUse.Write.json", "PreToolUse");
            assertThat(r.code()).isZero();
            assertThat(denyReason(r)).startsWith(CANNOT_CHECK).contains("huddle.db").contains("huddle status")
                    .contains("allow-with-warning");
            assertThat(r.err().lines().toList()).hasSize(1).first().asString()
                    .startsWith("huddle: hook claude PreToolUse: ").doesNotContain("Exception");
        }

        @Test
        void preToolUse_whenTheStoreCannotBeCreated_refused() throws Exception {
            Files.writeString(repo.resolve("plain-file"), "x");
            String p = payload("claude-code", "PreToolUse.Write.json", repo);
            HookRun r = HookRun.in(repo, Map.of("HUDDLE_DB", repo.resolve("plain-file/huddle.db").toString()), p,
                    "hook", "claude", "pre-tool-use");
            assertThat(r.code()).isZero();
            assertThat(denyReason(r)).startsWith(CANNOT_CHECK).contains("cannot create the store");
        }

        @Test
        void preToolUse_whenHuddleTomlIsBroken_refused_evenIfItMeantToAllow() throws Exception {
            Files.writeString(repo.resolve("huddle.toml"), "[hooks]\non_internal_error = \"allow-with-warning\"\ntypo = 1\n");
            HookRun r = recorded("claude-code", "PreToolUse.Write.json", "PreToolUse");
            assertThat(denyReason(r)).startsWith(CANNOT_CHECK).contains("huddle.toml").contains("typo");
        }

        @Test
        void preToolUse_allowWithWarning_letsTheEditThroughLoudly() throws Exception {
            corruptStore();
            allowWithWarning();
            HookRun r = recorded("claude-code", "PreToolUse.Write.json", "PreToolUse");
            assertThat(r.code()).isZero();
            assertThat(Json.readObject(r.out())).containsOnlyKeys("systemMessage");
            assertThat((String) Json.readObject(r.out()).get("systemMessage"))
                    .startsWith("Huddle could not check this edit against other agents' leases (")
                    .contains("allow-with-warning");
            assertThat(r.err()).startsWith("huddle: hook claude PreToolUse: ");
        }

        @Test
        void eachProgram_refusesInItsOwnProtocol() throws Exception {
            corruptStore();
            assertThat(denyReason(recorded("codex", "PreToolUse.apply_patch.add.json", "PreToolUse"))).startsWith(CANNOT_CHECK);
            Map<String, Object> gemini = Json.readObject(recorded("gemini", "BeforeTool.write_file.json", "BeforeTool").out());
            assertThat(gemini).containsEntry("decision", "deny");
            assertThat((String) gemini.get("reason")).startsWith(CANNOT_CHECK);
            String cursor = "{\"conversation_id\":\"c\",\"hook_event_name\":\"beforeShellExecution\",\"command\":\"rm x\","
                    + "\"cwd\":\"" + repo + "\"}";
            Map<String, Object> answer = Json.readObject(hook(cursor, "hook", "cursor", "beforeShellExecution").out());
            assertThat(answer).containsEntry("permission", "deny");
            assertThat((String) answer.get("agent_message")).startsWith(CANNOT_CHECK);
        }

        @Test
        void sessionStart_andPostToolUse_tellTheModel_stopAndSessionEndGoOn() throws Exception {
            corruptStore();
            HookRun start = recorded("claude-code", "SessionStart.startup.json", "SessionStart");
            assertThat(start.code()).isZero();
            assertThat(start.out()).startsWith("{\"hookSpecificOutput\":{\"hookEventName\":\"SessionStart\","
                    + "\"additionalContext\":\"[huddle] Huddle is not working in this repository: ");
            assertThat(recorded("claude-code", "PostToolUse.Write.json", "PostToolUse").out())
                    .contains("[huddle] Huddle could not record this edit: ");
            HookRun stop = recorded("claude-code", "Stop.json", "Stop");
            assertThat(stop.code()).isZero();
            assertThat(stop.out()).isEmpty();
            assertThat(stop.err()).startsWith("huddle: hook claude Stop: ");
            assertThat(recorded("claude-code", "SessionEnd.json", "SessionEnd").out()).isEmpty();
        }
    }

    @Nested
    class MalformedPayload {

        @ParameterizedTest
        @ValueSource(strings = {"not json", "", "[1, 2]", "{\"unterminated\": "})
        void preToolUse_whenStdinIsNotAJsonObject_refusedByDefault(String stdin) {
            HookRun r = hook(stdin, "hook", "claude", "pre-tool-use");
            assertThat(r.code()).isZero();
            assertThat(denyReason(r)).isEqualTo(CANNOT_CHECK + "the hook's input is not a JSON object, so the edit cannot"
                    + " be checked. Tell the user: `huddle status` in the repository shows what is wrong (huddle.toml"
                    + " [hooks] on_internal_error = \"allow-with-warning\" lets edits through while Huddle is broken).");
        }

        @Test
        void preToolUse_whenMalformed_andAllowWithWarning_letThrough() throws Exception {
            allowWithWarning();
            HookRun r = hook("not json", "hook", "gemini", "BeforeTool");
            assertThat(Json.readObject(r.out())).containsOnlyKeys("systemMessage");
        }

        @Test
        void preToolUse_whenAWritingToolNamesNoFile_refused() {
            String write = "{\"session_id\":\"s\",\"cwd\":\"" + repo + "\",\"tool_name\":\"Write\",\"tool_input\":{}}";
            assertThat(denyReason(hook(write, "hook", "claude", "PreToolUse")))
                    .startsWith(CANNOT_CHECK + "the Write call cannot be checked: its tool_input has no file_path");
        }

        @Test
        void preToolUse_whenAPatchNamesNoFile_refused() {
            String patch = "{\"session_id\":\"s\",\"cwd\":\"" + repo + "\",\"tool_name\":\"apply_patch\","
                    + "\"tool_input\":{\"command\":\"garbage\"}}";
            assertThat(denyReason(hook(patch, "hook", "codex", "PreToolUse"))).contains("its patch names no file");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SessionStart", "UserPromptSubmit", "PostToolUse", "Stop", "SessionEnd"})
        void otherEvents_whenStdinIsNotJson_answerNothing_andSaySoOnStderr(String event) {
            HookRun r = hook("not json", "hook", "claude", event);
            assertThat(r.code()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("huddle: the hook's input is not a JSON object; nothing was done\n");
        }

        @Test
        void unknownEvent_answersNothing() {
            HookRun r = hook("{\"hook_event_name\":\"Notification\"}", "hook", "claude", "Notification");
            assertThat(r.code()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEmpty();
        }
    }

    @Nested
    class CommandLine {

        @Test
        void unknownProgram_exit2_namingThePrograms() {
            HookRun r = hook("{}", "hook", "vim", "pre-tool-use");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("huddle: hook: unknown program 'vim'").contains("claude|codex|gemini|cursor");
        }

        @Test
        void unknownOption_orNoProgram_exit2() {
            assertThat(hook("{}", "hook", "claude", "pre-tool-use", "--wat").code()).isEqualTo(2);
            assertThat(hook("{}", "hook").code()).isEqualTo(2);
        }

        @Test
        void help_printsTheUsage() {
            HookRun r = hook("", "hook", "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("usage: huddle hook claude|codex|gemini|cursor [EVENT]");
        }
    }
}
