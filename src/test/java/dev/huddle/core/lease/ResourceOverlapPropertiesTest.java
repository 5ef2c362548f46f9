package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.PathResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Checks {@link ResourceOverlap} against brute force on small resources. Globs are built from
 * {@code a b / * ? ** [ab]} and paths from {@code a b c /}; {@code c} stands for every character
 * the patterns do not mention, so enumerating paths over {@code a b c /} finds a common path
 * whenever one of that length exists. The search returns a shortest witness, so its length must
 * equal the brute force's shortest whenever that is within reach (6), and a witness must be
 * found and verified whenever the search says the resources intersect.
 */
class ResourceOverlapPropertiesTest {

    private static final int ENUMERATED = 6;
    private static final List<String> REPO_PATHS = repoPaths(ENUMERATED);

    @Property(tries = 600)
    void witness_whenSmallResources_agreesWithBruteForce(
            @ForAll("resources") Resource a, @ForAll("resources") Resource b) {
        Optional<String> found = ResourceOverlap.witness(a, b);
        Optional<String> brute = REPO_PATHS.stream().filter(p -> covers(a, p) && covers(b, p)).findFirst();

        assertThat(found.filter(w -> w.length() <= ENUMERATED).map(String::length))
                .as("shortest witness within %d characters", ENUMERATED)
                .isEqualTo(brute.map(String::length));
        found.ifPresent(w -> {
            assertThat(covers(a, w) && covers(b, w)).as("witness %s covered by both", w).isTrue();
            assertThat(new PathResource(w).path()).hasSizeLessThanOrEqualTo(8);
        });
    }

    @Property(tries = 600)
    void intersects_whenArgumentsSwapped_sameAnswer(@ForAll("resources") Resource a, @ForAll("resources") Resource b) {
        assertThat(ResourceOverlap.intersects(a, b)).isEqualTo(ResourceOverlap.intersects(b, a));
    }

    @Property(tries = 600)
    void intersects_whenGlobMatchesPath_true(@ForAll("globs") GlobResource glob, @ForAll("paths") PathResource path) {
        if (glob.wildmatch().matches(path.path())) {
            assertThat(ResourceOverlap.intersects(glob, path)).isTrue();
        }
    }

    /** An independent reading of the same rules, through java.util.regex, on any text at all. */
    @Property(tries = 1000)
    void matches_whenAnyText_agreesWithRegexTranslation(
            @ForAll("patterns") String pattern, @ForAll("texts") String text) {
        assertThat(Wildmatch.compile(pattern).matches(text)).isEqualTo(regexOf(pattern).matcher(text).matches());
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("a", "b", "/", "*", "?", "**", "[ab]").list().ofMinSize(1).ofMaxSize(4)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abc/").ofMaxLength(7);
    }

    @Provide
    Arbitrary<GlobResource> globs() {
        return patterns().filter(ResourceOverlapPropertiesTest::isCanonicalGlob).map(GlobResource::new);
    }

    @Provide
    Arbitrary<PathResource> paths() {
        return Arbitraries.strings().withChars("abc/").ofMinLength(1).ofMaxLength(4)
                .filter(p -> isRepoPath(p)).map(PathResource::new);
    }

    @Provide
    Arbitrary<Resource> resources() {
        return Arbitraries.oneOf(globs(), paths());
    }

    private static boolean covers(Resource r, String path) {
        return switch (r) {
            case PathResource p -> path.equals(p.path()) || path.startsWith(p.path() + "/");
            case GlobResource g -> g.wildmatch().matches(path);
            case Resource.NamedResource n -> false;
        };
    }

    private static boolean isCanonicalGlob(String pattern) {
        try {
            new GlobResource(pattern);
            return true;
        } catch (HuddleException ignore) {
            return false; // leading, trailing or doubled '/', or no wildcard: not a lease anyone can hold
        }
    }

    private static boolean isRepoPath(String p) {
        return !p.isEmpty() && !p.startsWith("/") && !p.endsWith("/") && !p.contains("//");
    }

    /** Every repo path over {a, b, c, /} up to {@code max} characters, shortest first. */
    private static List<String> repoPaths(int max) {
        List<String> all = new ArrayList<>();
        List<String> layer = List.of("");
        for (int length = 1; length <= max; length++) {
            List<String> next = new ArrayList<>();
            for (String p : layer) {
                for (char c : "abc/".toCharArray()) {
                    next.add(p + c);
                }
            }
            next.stream().filter(ResourceOverlapPropertiesTest::isRepoPath).forEach(all::add);
            layer = next;
        }
        return all;
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
