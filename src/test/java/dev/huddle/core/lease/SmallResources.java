package dev.huddle.core.lease;

import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.PathResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Small resources drawn from a seeded {@link Random} for the overlap properties: globs built from
 * {@code a b / * ? ** [ab]} (one to four tokens), paths and texts over {@code a b c /}.
 */
final class SmallResources {

    private static final List<String> TOKENS = List.of("a", "b", "/", "*", "?", "**", "[ab]");

    private SmallResources() {}

    static String pattern(Random random) {
        StringBuilder p = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            p.append(TOKENS.get(random.nextInt(TOKENS.size())));
        }
        return p.toString();
    }

    static String text(Random random, int min, int max) {
        StringBuilder t = new StringBuilder();
        for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
            t.append("abc/".charAt(random.nextInt(4)));
        }
        return t.toString();
    }

    /** Draws until the pattern is a glob anyone could lease (no leading, trailing or doubled '/'). */
    static GlobResource glob(Random random) {
        while (true) {
            try {
                return new GlobResource(pattern(random));
            } catch (HuddleException ignore) {
                // not canonical: draw again, as a filter would
            }
        }
    }

    static PathResource path(Random random) {
        while (true) {
            String p = text(random, 1, 4);
            if (isRepoPath(p)) {
                return new PathResource(p);
            }
        }
    }

    static Resource resource(Random random) {
        return random.nextBoolean() ? glob(random) : path(random);
    }

    static Predicate<String> covering(Resource r) {
        return switch (r) {
            case PathResource p -> path -> path.equals(p.path()) || path.startsWith(p.path() + "/");
            case GlobResource g -> g.wildmatch()::matches;
            case Resource.NamedResource n -> path -> false;
        };
    }

    static boolean isRepoPath(String p) {
        return !p.isEmpty() && !p.startsWith("/") && !p.endsWith("/") && !p.contains("//");
    }

    /** Every repo path over {a, b, c, /} up to {@code max} characters, shortest first. */
    static List<String> repoPaths(int max) {
        List<String> all = new ArrayList<>();
        List<String> layer = List.of("");
        for (int length = 1; length <= max; length++) {
            List<String> next = new ArrayList<>();
            for (String p : layer) {
                for (char c : "abc/".toCharArray()) {
                    next.add(p + c);
                }
            }
            next.stream().filter(SmallResources::isRepoPath).forEach(all::add);
            layer = next;
        }
        return all;
    }
}
