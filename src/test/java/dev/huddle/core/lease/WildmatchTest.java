package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WildmatchTest {

    @Nested
    class Matches {

        @Test
        void matches_whenDoubleStarIsWholePattern_matchesEveryPath() {
            Wildmatch all = Wildmatch.compile("**");
            assertThat(all.matches("a")).isTrue();
            assertThat(all.matches("a/b/c.txt")).isTrue();
        }

        @Test
        void matches_whenClassCouldCoverSlash_neverMatchesSlash() {
            assertThat(Wildmatch.compile("a[!b]c").matches("a/c")).isFalse();
            assertThat(Wildmatch.compile("a[.-0]c").matches("a/c")).isFalse();
            assertThat(Wildmatch.compile("a[.-0]c").matches("a0c")).isTrue();
        }

        @Test
        void matches_whenNonAscii_matchesWholeCodePoints() {
            assertThat(Wildmatch.compile("?.txt").matches("😀.txt")).isTrue();
            assertThat(Wildmatch.compile("[é-ë]").matches("ê")).isTrue();
        }

        @Test
        void matches_whenCaseDiffers_false() {
            assertThat(Wildmatch.compile("SRC/*").matches("src/a")).isFalse();
        }
    }

    @Nested
    class Compile {

        @ParameterizedTest
        @ValueSource(strings = {"src/[ab", "[!", "a[b-"})
        void compile_whenClassUnclosed_invalidNamingPattern(String pattern) {
            assertInvalid(pattern, "never closed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a[]b", "[]", "[!]"})
        void compile_whenClassEmpty_invalidSayingEmpty(String pattern) {
            assertInvalid(pattern, "empty character class");
        }

        @Test
        void compile_whenTrailingBackslash_invalid() {
            assertInvalid("src\\", "lone backslash");
        }

        @Test
        void compile_whenRangeReversed_invalid() {
            assertInvalid("[z-a].c", "range 'z-a' is reversed");
        }

        @Test
        void compile_whenSlashInClass_invalid() {
            assertInvalid("foo[/]bar", "never matches '/'");
        }

        @Test
        void compile_whenPosixClass_invalid() {
            assertInvalid("[[:alpha:]]", "POSIX");
        }

        @Test
        void compile_whenControlCharacter_invalid() {
            assertInvalid("a\tb*", "control character");
        }

        @Test
        void compile_whenTooLong_invalid() {
            assertThatThrownBy(() -> Wildmatch.compile("a".repeat(Wildmatch.MAX_LENGTH) + "*"))
                    .isInstanceOf(HuddleException.class)
                    .hasMessageContaining("longer than " + Wildmatch.MAX_LENGTH);
        }

        @Test
        void compile_whenEmpty_invalid() {
            assertThatThrownBy(() -> Wildmatch.compile(""))
                    .isInstanceOf(HuddleException.class)
                    .hasMessageContaining("empty");
        }

        private void assertInvalid(String pattern, String why) {
            assertThatThrownBy(() -> Wildmatch.compile(pattern))
                    .isInstanceOfSatisfying(HuddleException.class,
                            e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT))
                    .hasMessageContaining("'" + pattern.replace('\t', '?') + "'")
                    .hasMessageContaining(why);
        }
    }
}
