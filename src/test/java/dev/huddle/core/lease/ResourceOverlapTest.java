package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.NamedResource;
import dev.huddle.core.lease.Resource.PathResource;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceOverlapTest {

    private static boolean overlap(String a, String b) {
        boolean forward = ResourceOverlap.intersects(Resource.fromText(a), Resource.fromText(b));
        boolean backward = ResourceOverlap.intersects(Resource.fromText(b), Resource.fromText(a));
        assertThat(backward).as("symmetry").isEqualTo(forward);
        return forward;
    }

    @Nested
    class Globs {

        @ParameterizedTest(name = "{0} ∩ {1} -> {2}")
        @CsvSource(delimiter = '|', textBlock = """
                src/*.py     | src/a*       | true
                src/*.py     | src/*.go     | false
                src/**       | src/x/y.rs   | true
                **/*.rs      | docs/**      | true
                src/[ab].c   | src/[cd].c   | false
                src/[ab].c   | src/[b-d].c  | true
                src/[!ab].c  | src/[ab].c   | false
                a/*/c        | a/b/*        | true
                *.py         | src/a.py     | false
                **/*.py      | src/a.py     | true
                src/*        | src/x/a.py   | false
                src/**       | src          | true
                src/**       | srcx/a       | false
                a*           | *b           | true
                a?           | ?b           | true
                ???          | ??           | false
                *            | **           | true
                a/**/b       | a/b          | true
                a/**/b       | a/x/y/b      | true
                a/**/b       | c/a/b        | false
                **/b         | *ab          | false
                a/**/b       | a/?*b        | false
                a/**/b       | a/*b         | true
                a/**/b       | a/*/b        | true
                x*y*z        | *yy*         | true
                foo**bar     | foo/bar      | false
                """)
        void intersects_whenPatterns_realLanguageIntersection(String a, String b, boolean expected) {
            assertThat(overlap(a, b)).isEqualTo(expected);
        }

        @Test
        void intersects_whenCommonPathOnlyDotSegment_false() {
            // Both match "../x" and nothing else in common; no repo path has a ".." segment.
            assertThat(overlap("?./x", ".?/x")).isFalse();
            assertThat(overlap("?/x", "[.]/x")).isFalse();
        }

        @Test
        void intersects_whenCommonPathOnlyNonAscii_true() {
            assertThat(overlap("[!a-z].txt", "[é].txt")).isTrue();
        }
    }

    @Nested
    class Paths {

        @ParameterizedTest(name = "{0} ∩ {1} -> {2}")
        @CsvSource(delimiter = '|', textBlock = """
                src          | src          | true
                src          | src/a.py     | true
                src/a.py     | src          | true
                src          | srcx         | false
                src          | sr           | false
                src/a.py     | src/b.py     | false
                src          | src/*.py     | true
                src          | src*         | true
                src          | *.py         | false
                src/a.py     | src/a.py/**  | true
                """)
        void intersects_whenPaths_directoryCoversBelow(String a, String b, boolean expected) {
            assertThat(overlap(a, b)).isEqualTo(expected);
        }
    }

    @Nested
    class Names {

        @Test
        void intersects_whenSameName_true() {
            assertThat(overlap("name:port-3000", "name:port-3000")).isTrue();
        }

        @Test
        void intersects_whenNamesDifferOnlyInCase_false() {
            assertThat(overlap("name:Deploy", "name:deploy")).isFalse();
        }

        @Test
        void intersects_whenNameAgainstPathOrGlob_false() {
            assertThat(overlap("name:deploy", "**")).isFalse();
            assertThat(overlap("name:deploy", "[n]ame:deploy")).isFalse();
        }
    }

    @Nested
    class Witness {

        @Test
        void witness_whenGlobsIntersect_shortestCommonPath() {
            assertThat(ResourceOverlap.witness(new GlobResource("src/*.py"), new GlobResource("src/a*")))
                    .contains("src/a.py");
        }

        @Test
        void witness_whenDirectoryAndFile_theFile() {
            assertThat(ResourceOverlap.witness(new PathResource("src"), new PathResource("src/a.py")))
                    .contains("src/a.py");
        }

        @Test
        void witness_whenDirectoryAndGlobNeedingDepth_pathBelowDirectory() {
            assertThat(ResourceOverlap.witness(new PathResource("src"), new GlobResource("*/*/*")))
                    .contains("src/a/a");
        }

        @Test
        void witness_whenNonBmpCharacter_keptWhole() {
            assertThat(ResourceOverlap.witness(new GlobResource("?.txt"), new PathResource("😀.txt")))
                    .contains("😀.txt");
            assertThat(ResourceOverlap.witness(new GlobResource("[😀-😂]"), new GlobResource("[!a-z]")))
                    .contains("😀");
        }

        @Test
        void witness_whenNamedResourcesEqual_theirText() {
            assertThat(ResourceOverlap.witness(new NamedResource("deploy"), new NamedResource("deploy")))
                    .contains("name:deploy");
        }

        @Test
        void witness_whenDisjoint_empty() {
            assertThat(ResourceOverlap.witness(new GlobResource("*.py"), new PathResource("src/a.py"))).isEmpty();
        }
    }

    @Nested
    class Cost {

        /**
         * The worst case for a backtracking matcher ({@code *a*a…} against a long path of {@code a}s
         * that ends in {@code b}): exponential there, a second or two of the polynomial search here.
         * The bound is against a search that would never end, not a speed target (those are in
         * bench/): a 5-second bound failed on a slow day at 5.5 s.
         */
        @Test
        void intersects_whenLongestPatterns_answersWithoutBlowingUp() {
            String glob = "*a".repeat(Wildmatch.MAX_LENGTH / 2);
            String path = "a".repeat(PathResource.MAX_LENGTH - 1) + "b";
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                assertThat(overlap(glob, path)).isFalse();
                assertThat(overlap(glob, glob.replace('a', 'b'))).isFalse();
            });
        }
    }
}
