package dev.huddle.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdTest {

    @Nested
    class Ids {

        @ParameterizedTest
        @ValueSource(strings = {"a", "0", "alice", "claude-1", "bot_2.x", "9lives"})
        void new_whenWellFormed_accepted(String id) {
            assertThat(new AgentId(id).value()).isEqualTo(id);
        }

        @Test
        void new_whenLengthLimit_sixtyFourAcceptedSixtyFiveRefused() {
            assertThat(new AgentId("a".repeat(64)).value()).hasSize(64);
            assertThatThrownBy(() -> new AgentId("a".repeat(65))).isInstanceOf(HuddleException.class);
        }

        @Test
        void of_whenMixedCaseAndSpaces_foldedToLowerCase() {
            assertThat(AgentId.of("  Alice ")).isEqualTo(new AgentId("alice"));
            assertThat(AgentId.isValid("ALICE")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-x", ".x", "_x", "a b", "a/b", "é", "a@b"})
        void new_whenMalformed_refusedAsInvalidInput(String id) {
            assertThatThrownBy(() -> AgentId.of(id)).isInstanceOfSatisfying(HuddleException.class, e -> {
                assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
                assertThat(e.getMessage()).contains("invalid agent id");
            });
            assertThat(AgentId.isValid(id)).isFalse();
        }

        @Test
        void new_whenUpperCaseGivenToConstructor_refused() {
            assertThatThrownBy(() -> new AgentId("Alice")).isInstanceOf(HuddleException.class);
        }

        @Test
        void new_whenNull_refused() {
            assertThatThrownBy(() -> new AgentId(null)).isInstanceOf(HuddleException.class);
            assertThat(AgentId.isValid(null)).isFalse();
        }

        @Test
        void new_whenControlCharacter_messageShowsItDefused() {
            assertThatThrownBy(() -> new AgentId("a\u001b[2Jb")).hasMessageContaining("a?[2Jb")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
        }

        @Test
        void compareTo_whenDifferent_alphabetical() {
            assertThat(new AgentId("alice")).isLessThan(new AgentId("bob"));
        }
    }

    @Nested
    class Roles {

        @Test
        void of_whenAtPrefixAndCase_strippedAndFolded() {
            assertThat(Role.of(" @Reviewer ")).isEqualTo(new Role("reviewer"));
            assertThat(Role.of("tester").value()).isEqualTo("tester");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "@", "a b", "a,b", "-x", "@@x"})
        void of_whenMalformed_refusedNamingTheRole(String role) {
            assertThatThrownBy(() -> Role.of(role)).isInstanceOfSatisfying(HuddleException.class,
                    e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT))
                    .hasMessageContaining("invalid role");
        }
    }
}
