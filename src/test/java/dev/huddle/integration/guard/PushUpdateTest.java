package dev.huddle.integration.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PushUpdateTest {

    static final String A = "a".repeat(40);
    static final String Z = "0".repeat(40);

    @Test
    void parse_readsEachLine_newBranchesAndDeletions() {
        List<PushUpdate> u = PushUpdate.parse("refs/heads/main " + A + " refs/heads/main " + Z + "\n"
                + "(delete) " + Z + " refs/heads/old " + A + "\n\n");

        assertThat(u).hasSize(2);
        assertThat(u.get(0).newBranch()).isTrue();
        assertThat(u.get(0).deletes()).isFalse();
        assertThat(u.get(1).deletes()).isTrue();
    }

    @Test
    void parse_emptyInput_isNothing_andSha256RepositoriesWork() {
        assertThat(PushUpdate.parse("")).isEmpty();
        assertThat(PushUpdate.parse("refs/heads/x " + "b".repeat(64) + " refs/heads/x " + "0".repeat(64))).hasSize(1);
    }

    @Test
    void parse_malformed_isUsage() {
        assertThatThrownBy(() -> PushUpdate.parse("refs/heads/main nope refs/heads/main " + Z))
                .hasMessageContaining("not a pre-push line");
    }
}
