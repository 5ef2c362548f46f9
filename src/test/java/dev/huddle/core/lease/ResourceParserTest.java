package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource.NamedResource;
import dev.huddle.core.lease.Resource.PathResource;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceParserTest {

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
    class Paths {

        @ParameterizedTest
        @ValueSource(strings = {"a", "./a", "src/../a", "/w/repo/a", ".//a", "a/", "a/.", "/w/repo//./a/"})
        void parse_whenSpellingsOfOnePath_sameCanonicalPath(String input) {
            assertThat(parse(input)).isEqualTo(new PathResource("a"));
        }

        @Test
        void parse_whenNested_keepsRepoRelativePath() {
            assertThat(parse("src//app/./main.py")).isEqualTo(new PathResource("src/app/main.py"));
        }

        @Test
        void parse_whenTrailingSlash_namesTheDirectoryItself() {
            assertThat(parse("src/")).isEqualTo(new PathResource("src"));
        }

        @Test
        void parse_whenCwdIsSubdirectory_relativeToCwd() {
            assertThat(ResourceParser.parse("b.py", ROOT, ROOT + "/src")).isEqualTo(new PathResource("src/b.py"));
            assertThat(ResourceParser.parse("../b.py", ROOT, ROOT + "/src")).isEqualTo(new PathResource("b.py"));
        }

        @Test
        void parse_whenCwdOutsideRepo_stillResolvesIntoRepo() {
            assertThat(ResourceParser.parse("../repo/a", ROOT, "/w/other")).isEqualTo(new PathResource("a"));
        }

        @Test
        void parse_whenBackslash_keptAsOrdinaryCharacter() {
            assertThat(parse("a\\b")).isEqualTo(new PathResource("a\\b"));
        }

        @Test
        void parse_whenRepoRootIsFilesystemRoot_absolutePathsAreInside() {
            assertThat(ResourceParser.parse("/etc/passwd", "/", "/")).isEqualTo(new PathResource("etc/passwd"));
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest
        @ValueSource(strings = {"../x", "/etc/passwd", "src/../../x", "/w/repox/a", "/w", "/.."})
        void parse_whenOutsideRepository_invalidNamingInputAndRoot(String input) {
            assertInvalid(input, ROOT).hasMessageContaining("'" + input + "'")
                    .hasMessageContaining("outside the repository at " + ROOT);
        }

        @Test
        void parse_whenCwdOutsideRepoAndRelative_invalid() {
            assertInvalid("a", "/w/other").hasMessageContaining("outside the repository");
        }

        @ParameterizedTest
        @ValueSource(strings = {".", "./", "src/..", "/w/repo", "/w/repo/"})
        void parse_whenWholeRepository_invalidSuggestingDoubleStar(String input) {
            assertInvalid(input, ROOT).hasMessageContaining("whole repository").hasMessageContaining("'**'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a\u0000b", "a\nb", "a\tb", "\u001b[31m"})
        void parse_whenEmptyOrControlCharacter_invalid(String input) {
            assertInvalid(input, ROOT);
        }

        @Test
        void parse_whenPathLooksNamed_invalidSuggestingGlob() {
            assertInvalid("./name:x", ROOT).hasMessageContaining("[n]ame:x");
        }

        @Test
        void parse_whenPathTooLong_invalid() {
            assertInvalid("a".repeat(PathResource.MAX_LENGTH + 1), ROOT).hasMessageContaining("longer than");
        }
    }

    @Nested
    class Names {

        @Test
        void parse_whenNamePrefix_namedResource() {
            assertThat(parse("name:port-3000")).isEqualTo(new NamedResource("port-3000"));
            assertThat(parse("name:Deploy/prod:eu_1.x").text()).isEqualTo("name:Deploy/prod:eu_1.x");
        }

        @ParameterizedTest
        @ValueSource(strings = {"name:", "name:has space", "name:a*", "name:é"})
        void parse_whenNameMalformed_invalid(String input) {
            assertInvalid(input, ROOT).hasMessageContaining("named resource");
        }

        @Test
        void parse_whenNameTooLong_invalid() {
            assertInvalid("name:" + "x".repeat(129), ROOT).hasMessageContaining("1-128");
        }
    }
}
