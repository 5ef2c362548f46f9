package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The expected hashes are what Codex CLI 0.169.0's app-server ({@code hooks/list}) reported for these very hooks. */
class CodexTrustTest {

    @Test
    void hash_ofHuddlesPreToolUseHook_isCodexs() {
        assertThat(CodexTrust.hash("PreToolUse", Optional.of("Bash|apply_patch|Edit|Write"),
                "/work/main/bin/huddle hook codex PreToolUse", null))
                .isEqualTo("sha256:736b2e9427cef97d53ed8ac551b27c77bf45a67c48114478b4fb8a221d6874a6");
    }

    @Test
    void hash_ofOtherHandlers_isCodexs() {
        assertThat(CodexTrust.hash("PreToolUse", Optional.of("Bash"), "echo user", null))
                .isEqualTo("sha256:8fefcd3d7375174ce8435db2a87ac9eaf3f19e0ed2d64bd32234fff85ddec70e");
        assertThat(CodexTrust.hash("PostToolUse", Optional.of("Bash|apply_patch"), "/p/huddle hook codex PostToolUse", null))
                .isEqualTo("sha256:895b47bdc5439042f3a453027d54673ad5da22c13122994607a7a655728afe21");
        assertThat(CodexTrust.hash("Stop", Optional.empty(), "/p/huddle hook codex Stop", null))
                .isEqualTo("sha256:f5855197b99055d105667abdb142996159e5bb86e75f29ed58d05991d64e42e7");
    }

    @Test
    void hash_escapesQuotesBackslashesAndTabs_keepsNonAscii_andUsesAGivenTimeout() {
        assertThat(CodexTrust.hash("SessionStart", Optional.empty(), "/wé ird/\"q\" path\\x\t hook codex SessionStart", 30L))
                .isEqualTo("sha256:9a86977b7fd21a45a3bd145f41f6f30fa620d5ace450fe12756ef7a45931ea80");
    }

    @Test
    void hash_ignoresTheMatcherOfUserPromptSubmit() {
        assertThat(CodexTrust.hash("UserPromptSubmit", Optional.of("ignored"), "/p/huddle hook codex UserPromptSubmit", null))
                .isEqualTo("sha256:50609d0a2738fe6078c7d6b55d65343dd5f502b13c746b9d52ceee64491ffe78");
    }

    @Test
    void hash_ofSessionEnd_defaultsToCodexsOneSecondTimeout() {
        assertThat(CodexTrust.hash("SessionEnd", Optional.empty(), "/p/huddle hook codex SessionEnd", null))
                .isEqualTo("sha256:d986b0dccaa8210b8e15b5b4ec179e23524f285344702af438c36f8f784b7e6e");
    }

    @Test
    void key_isFileEventGroupHandler() {
        assertThat(CodexTrust.key("/repo/.codex/hooks.json", "PreToolUse", 1, 0)).isEqualTo("/repo/.codex/hooks.json:pre_tool_use:1:0");
        assertThat(CodexTrust.snake("UserPromptSubmit")).isEqualTo("user_prompt_submit");
    }
}
