package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.PathResource;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@link ResourceOverlap} against brute force on small resources drawn from fixed seeds
 * (each failure names its seed and case, so it replays exactly). Globs are built from
 * {@code a b / * ? ** [ab]} and paths from {@code a b c /}; {@code c} stands for every character
 * the patterns do not mention, so enumerating paths over {@code a b c /} finds a common path
 * whenever one of that length exists. The search returns a shortest witness, so its length must
 * equal the brute force's shortest whenever that is within reach (6), and a witness must be
 * found and verified whenever the search says the resources intersect.
 */
class ResourceOverlapPropertiesTest {

    private static final int CASES = 200;
    private static final int ENUMERATED = 6;
    private static final List<String> REPO_PATHS = SmallResources.repoPaths(ENUMERATED);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 20261121L, 0x5eedL})
    void witness_whenSmallResources_agreesWithBruteForce(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            Resource a = SmallResources.resource(random);
            Resource b = SmallResources.resource(random);
            String id = "seed %d case %d: %s and %s".formatted(seed, i, a, b);
            Predicate<String> both = SmallResources.covering(a).and(SmallResources.covering(b));
            Optional<String> found = ResourceOverlap.witness(a, b);
            Optional<String> brute = REPO_PATHS.stream().filter(both).findFirst();

            assertThat(found.filter(w -> w.length() <= ENUMERATED).map(String::length))
                    .as("%s: shortest witness within %d characters (brute force: %s)", id, ENUMERATED, brute)
                    .isEqualTo(brute.map(String::length));
            found.ifPresent(w -> {
                assertThat(both.test(w)).as("%s: witness %s covered by both", id, w).isTrue();
                assertThat(new PathResource(w).path()).as("%s: witness %s", id, w).hasSizeLessThanOrEqualTo(8);
            });
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2L, 20261122L, 0xbeefL})
    void intersects_whenArgumentsSwapped_sameAnswer(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            Resource a = SmallResources.resource(random);
            Resource b = SmallResources.resource(random);
            assertThat(ResourceOverlap.intersects(b, a))
                    .as("seed %d case %d: %s and %s", seed, i, a, b)
                    .isEqualTo(ResourceOverlap.intersects(a, b));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 20261123L, 0xcafeL})
    void intersects_whenGlobMatchesPath_true(long seed) {
        Random random = new Random(seed);
        int matched = 0;
        for (int i = 0; i < CASES * 3; i++) {
            GlobResource glob = SmallResources.glob(random);
            PathResource path = SmallResources.path(random);
            if (glob.wildmatch().matches(path.path())) {
                matched++;
                assertThat(ResourceOverlap.intersects(glob, path))
                        .as("seed %d case %d: %s matches %s", seed, i, glob, path).isTrue();
            }
        }
        assertThat(matched).as("seed %d: cases where the glob matched the path", seed).isPositive();
    }

    /** An independent reading of the same rules, through java.util.regex, on any text at all. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4L, 20261124L, 0xf00dL})
    void matches_whenAnyText_agreesWithRegexTranslation(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES * 2; i++) {
            String pattern = SmallResources.pattern(random);
            String text = SmallResources.text(random, 0, 7);
            assertThat(Wildmatch.compile(pattern).matches(text))
                    .as("seed %d case %d: pattern %s on text '%s'", seed, i, pattern, text)
                    .isEqualTo(regexOf(pattern).matcher(text).matches());
        }
    }

    /** git's rules as a regex: {@code **} only as a whole segment, {@code **}{@code /} also matching nothing. */
    private static Pattern regexOf(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                int end = i;
                while (end < glob.length() && glob.charAt(end) == '*') {
                    end++;
                }
                boolean whole = end - i >= 2 && (i == 0 || glob.charAt(i - 1) == '/')
                        && (end == glob.length() || glob.charAt(end) == '/');
                re.append(!whole ? "[^/]*" : end < glob.length() ? "(?:.*/)?" : ".*");
                i = whole && end < glob.length() ? end + 1 : end;
            } else if (c == '[') {
                int close = glob.indexOf(']', i);
                re.append(glob, i, close + 1);
                i = close + 1;
            } else {
                re.append(c == '?' ? "[^/]" : Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(re.toString());
    }
}
