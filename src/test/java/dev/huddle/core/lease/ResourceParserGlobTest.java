package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource.GlobResource;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ResourceParser} on globs; paths and names are in {@link ResourceParserTest}. */
class ResourceParserGlobTest {

    private static final String ROOT = "/w/repo";

    private static Resource parse(String input) {
        return ResourceParser.parse(input, ROOT, ROOT);
    }

    private static AbstractThrowableAssert<?, ?> assertInvalid(String input, String cwd) {
        return assertThatThrownBy(() -> ResourceParser.parse(input, ROOT, cwd))
                .isInstanceOfSatisfying(HuddleException.class,
                        e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT));
    }

    @Nested
    class Globs {

        @ParameterizedTest
        @ValueSource(strings = {"src/*.py", "./src/*.py", "src//*.py", "/w/repo/src/*.py", "x/../src/./*.py"})
        void parse_whenSpellingsOfOneGlob_sameCanonicalGlob(String input) {
            assertThat(parse(input)).isEqualTo(new GlobResource("src/*.py"));
        }

        @Test
        void parse_whenCwdIsSubdirectory_prefixesCwd() {
            assertThat(ResourceParser.parse("*.py", ROOT, ROOT + "/src")).isEqualTo(new GlobResource("src/*.py"));
            assertThat(ResourceParser.parse("../*.py", ROOT, ROOT + "/src")).isEqualTo(new GlobResource("*.py"));
        }

        @Test
        void parse_whenCwdNameHasWildcard_escapesIt() {
            Resource r = ResourceParser.parse("*.c", ROOT, ROOT + "/a*b");
            assertThat(r).isEqualTo(new GlobResource("a\\*b/*.c"));
            assertThat(((GlobResource) r).wildmatch().matches("a*b/x.c")).isTrue();
            assertThat(((GlobResource) r).wildmatch().matches("axb/x.c")).isFalse();
        }

        @Test
        void parse_whenDotAfterWildcard_dropped() {
            assertThat(parse("src/*/./a.py")).isEqualTo(new GlobResource("src/*/a.py"));
        }

        @Test
        void parse_whenDotDotAfterWildcard_invalid() {
            assertInvalid("src/*/../a.py", ROOT).hasMessageContaining("'..' after a wildcard");
        }

        @Test
        void parse_whenDoubleStar_keptAsWholeRepositoryGlob() {
            assertThat(parse("**")).isEqualTo(new GlobResource("**"));
            assertThat(parse("/w/repo/**")).isEqualTo(new GlobResource("**"));
        }

        @Test
        void parse_whenWildcardInRootPosition_invalid() {
            assertInvalid("/w/*/src/*.py", ROOT).hasMessageContaining("outside the repository");
        }

        @ParameterizedTest
        @ValueSource(strings = {"src/[ab", "a[]", "src/*\\", "[z-a]"})
        void parse_whenMalformedGlob_invalidNamingPatternAsTyped(String input) {
            assertInvalid(input, ROOT).hasMessageContaining("'" + input + "'");
        }

        @Test
        void parse_whenGlobEscapesRepository_invalid() {
            assertInvalid("../*.py", ROOT).hasMessageContaining("outside the repository at " + ROOT);
        }
    }
}
