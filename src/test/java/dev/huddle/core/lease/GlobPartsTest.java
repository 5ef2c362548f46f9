package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.lease.Resource.GlobResource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlobPartsTest {

    @Test
    void below_aDoubleStarTree_isEverythingBelow() {
        assertThat(GlobParts.below("docs/**", "docs/api")).containsExactly("**");
        assertThat(GlobParts.below("**", "docs/api")).containsExactly("**");
    }

    @Test
    void below_singleSegmentsAreConsumedOneByOne() {
        assertThat(GlobParts.below("src/*/x/*.py", "src/a")).containsExactly("x/*.py");
        assertThat(GlobParts.below("src/*/x/*.py", "src/a/x")).containsExactly("*.py");
        assertThat(GlobParts.below("src/*.py", "src/a")).isEmpty();
        assertThat(GlobParts.below("src/*.py", "lib")).isEmpty();
    }

    @Test
    void below_aDoubleStarInTheMiddle_everyAlignment() {
        assertThat(GlobParts.below("a/**/b/*.md", "a/x")).containsExactly("**/b/*.md");
        assertThat(GlobParts.below("a/**/b/*.md", "a/b")).containsExactlyInAnyOrder("*.md", "**/b/*.md");
    }

    @Test
    void below_thePathItselfMatched_isNotBelow() {
        assertThat(GlobParts.below("docs/*", "docs/api")).isEmpty();
    }

    /**
     * The promise of {@link GlobParts#below}: {@code glob} matches {@code p/s} iff one of the
     * returned patterns matches {@code s}, checked on small random globs, paths and suffixes.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7L, 20261207L, 0xd1ceL})
    void below_agreesWithMatchingTheWholePath(long seed) {
        System.out.println("GlobPartsTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            GlobResource glob = SmallResources.glob(random);
            String path = SmallResources.path(random).path();
            List<Wildmatch> below = GlobParts.below(glob.pattern(), path).stream().map(Wildmatch::compile).toList();
            for (int k = 0; k < 20; k++) {
                String s = SmallResources.path(random).path();
                boolean whole = glob.wildmatch().matches(path + "/" + s);
                boolean parts = below.stream().anyMatch(w -> w.matches(s));
                assertThat(parts).as("seed %d case %d: %s below %s, suffix %s (below: %s)", seed, i, glob, path, s,
                        GlobParts.below(glob.pattern(), path)).isEqualTo(whole);
            }
        }
    }
}
