package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CodexConfigTest {

    static final String ID = "codex project \"/repo/.codex/hooks.json\"";
    static final List<CodexConfig.HookTrust> HOOKS = List.of(
            new CodexConfig.HookTrust("PreToolUse", "/repo/.codex/hooks.json:pre_tool_use:1:0", "sha256:aa"),
            new CodexConfig.HookTrust("Stop", "/repo/.codex/hooks.json:stop:0:0", "sha256:bb"));
    static final CodexConfig.Request REQUEST = new CodexConfig.Request(ID, Optional.of("/repo"), HOOKS);
    static final String USER = """
            model = "gpt-5"

            [features]
            plugins = false
            """;

    @Nested
    class Install {

        @Test
        void install_appendsOneMarkedBlock_afterABlankLine_andTouchesNothingElse() {
            CodexConfig.Result r = CodexConfig.install(USER, REQUEST);

            assertThat(r.text()).isEqualTo(USER + "\n" + CodexConfig.begin(ID) + "\n"
                    + "# huddle: trust this project, so that Codex loads its .codex/hooks.json\n"
                    + "[projects.\"/repo\"]\ntrust_level = \"trusted\"\n\n"
                    + "# huddle: trust Huddle's PreToolUse hook\n"
                    + "[hooks.state.\"/repo/.codex/hooks.json:pre_tool_use:1:0\"]\ntrusted_hash = \"sha256:aa\"\n\n"
                    + "# huddle: trust Huddle's Stop hook\n"
                    + "[hooks.state.\"/repo/.codex/hooks.json:stop:0:0\"]\ntrusted_hash = \"sha256:bb\"\n"
                    + CodexConfig.end(ID) + "\n");
            assertThat(r.projectWritten()).isTrue();
            assertThat(r.hooksWritten()).hasSize(2);
            assertThat(r.problems()).isEmpty();
            assertThat(TomlOutline.of(r.text()).unreadable()).isEmpty();
        }

        @Test
        void install_ofItsOwnResult_returnsTheSameText() {
            String once = CodexConfig.install(USER, REQUEST).text();

            assertThat(CodexConfig.install(once, REQUEST).text()).isEqualTo(once);
        }

        @Test
        void install_whenTheHooksMoved_replacesTheBlock() {
            String once = CodexConfig.install(USER, REQUEST).text();
            var moved = new CodexConfig.Request(ID, Optional.of("/repo"),
                    List.of(new CodexConfig.HookTrust("Stop", "/repo/.codex/hooks.json:stop:1:0", "sha256:bb")));

            String twice = CodexConfig.install(once + "[later]\nx = 1\n", moved).text();

            assertThat(twice).doesNotContain("pre_tool_use", "stop:0:0").contains("stop:1:0", "[later]");
            assertThat(twice.split("huddle:begin", -1)).hasSize(2);
        }

        @Test
        void install_whenTheProjectIsTrustedAlready_writesOnlyTheHooks() {
            var r = CodexConfig.install("[projects.'/repo']\ntrust_level = \"trusted\"\n", REQUEST);

            assertThat(r.projectWritten()).isFalse();
            assertThat(r.alreadyTrusted()).containsExactly("[projects.\"/repo\"]");
            assertThat(r.text()).doesNotContain("# huddle: trust this project");
        }

        @Test
        void install_whenTheUserMarkedTheProjectUntrusted_leavesItAndSaysSo() {
            var r = CodexConfig.install("[projects.\"/repo\"]\ntrust_level = \"untrusted\"\n", REQUEST);

            assertThat(r.projectWritten()).isFalse();
            assertThat(r.problems()).singleElement().asString().contains("trust_level = \"untrusted\"", "--scope user");
            assertThat(r.text()).contains("trust_level = \"untrusted\"").doesNotContain("[projects.\"/repo\"]\ntrust_level = \"trusted\"");
        }

        @Test
        void install_whenAHookKeyHasAnotherHash_leavesItAndSaysSo_whenItHasOurs_countsItAsTrusted() {
            String config = "[hooks.state.\"/repo/.codex/hooks.json:pre_tool_use:1:0\"]\ntrusted_hash = \"sha256:old\"\n"
                    + "[hooks.state.\"/repo/.codex/hooks.json:stop:0:0\"]\ntrusted_hash = \"sha256:bb\"\n";

            var r = CodexConfig.install(config, REQUEST);

            assertThat(r.hooksWritten()).isEmpty();
            assertThat(r.alreadyTrusted()).containsExactly("[hooks.state.\"/repo/.codex/hooks.json:stop:0:0\"]");
            assertThat(r.problems()).singleElement().asString().contains("PreToolUse", "/hooks");
        }

        @Test
        void install_whenHooksStateIsInline_writesNoHookTrust() {
            var r = CodexConfig.install("[hooks]\nstate = { }\n", REQUEST);

            assertThat(r.hooksWritten()).isEmpty();
            assertThat(r.problems()).hasSize(2).allMatch(p -> p.contains("inline"));
        }

        @Test
        void install_whenALineCannotBeRead_leavesTheFileAlone() {
            String config = "model = \"x\"\nwhat is this\n";

            var r = CodexConfig.install(config, REQUEST);

            assertThat(r.text()).isEqualTo(config);
            assertThat(r.problems()).singleElement().asString().contains("line 2");
        }

        @Test
        void install_intoAnEmptyFile_isJustTheBlock() {
            assertThat(CodexConfig.install("", REQUEST).text()).startsWith(CodexConfig.begin(ID) + "\n");
        }
    }

    @Nested
    class Remove {

        @Test
        void removeBlock_afterInstall_givesBackTheText() {
            assertThat(CodexConfig.removeBlock(CodexConfig.install(USER, REQUEST).text(), ID)).isEqualTo(USER);
            assertThat(CodexConfig.removeBlock(CodexConfig.install("", REQUEST).text(), ID)).isEmpty();
        }

        @Test
        void removeBlock_keepsTablesCodexInsertedBetweenTheMarkers() {
            String installed = CodexConfig.install(USER, REQUEST).text();
            String withForeign = installed.replace(CodexConfig.end(ID),
                    "[hooks.state.\"/repo/.codex/hooks.json:pre_tool_use:0:0\"]\ntrusted_hash = \"sha256:user\"\n" + CodexConfig.end(ID));

            String removed = CodexConfig.removeBlock(withForeign, ID);

            assertThat(removed).contains("pre_tool_use:0:0", "sha256:user").doesNotContain("huddle", "sha256:aa", "[projects");
        }

        @Test
        void removeBlock_ofAnotherBlock_changesNothing() {
            String installed = CodexConfig.install(USER, REQUEST).text();

            assertThat(CodexConfig.removeBlock(installed, "codex user \"/home/u/.codex/hooks.json\"")).isEqualTo(installed);
            assertThat(CodexConfig.removeBlock(installed, "codex project \"/repo/.codex/hooks.json\"x")).isEqualTo(installed);
        }
    }
}
