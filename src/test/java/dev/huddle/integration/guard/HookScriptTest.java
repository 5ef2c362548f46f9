package dev.huddle.integration.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HookScriptTest {

    @Test
    void preCommit_runsTheChainedHookFirst_thenTheCheckOfTheIndex() {
        String s = HookScript.of("pre-commit", "/opt/it's here/huddle");

        assertThat(s).startsWith("#!/bin/sh\n# huddle-guard:")
                .contains("chained=\"$(dirname \"$0\")/pre-commit.huddle-chained\"",
                        "\"$chained\" \"$@\" || exit $?",
                        "exec '/opt/it'\\''s here/huddle' guard check --staged");
        assertThat(s.indexOf("$chained\" \"$@\"")).isLessThan(s.indexOf("guard check"));
        assertThat(HookScript.isHuddles(s)).isTrue();
    }

    @Test
    void prePush_givesBothHooksTheSameInput_andNamesTheRemote() {
        String s = HookScript.of("pre-push", "/h/huddle");

        assertThat(s).contains("input=$(cat)", "| \"$chained\" \"$@\" || exit $?",
                "printf '%s\\n' \"$input\" | '/h/huddle' guard check --push \"$1\"");
    }

    @Test
    void isHuddles_onlyForItsOwnMark() {
        assertThat(HookScript.isHuddles("#!/bin/sh\nnpm test\n")).isFalse();
        assertThat(HookScript.isHuddles("#!/bin/sh\n# husky\n# huddle-guard: late mention\n")).isFalse();
        assertThat(HookScript.isHuddles("")).isFalse();
    }
}
