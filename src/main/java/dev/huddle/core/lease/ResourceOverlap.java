package dev.huddle.core.lease;

import dev.huddle.core.lease.Resource.NamedResource;
import dev.huddle.core.lease.Resource.PathResource;
import java.util.Optional;

/**
 * Whether two resources can cover the same thing (DESIGN §4.4: leases conflict on real glob
 * intersection, not on one pattern matching the other's text). Two patterns intersect when some
 * repo path is covered by both: {@code src/*.py} and {@code src/a*} intersect on
 * {@code src/a.py}; {@code src/*.py} and {@code src/*.go} do not; {@code *.py} and
 * {@code src/a.py} do not, as {@code *} never crosses {@code /}.
 *
 * <p>A path covers itself and everything below it, so {@code src} intersects {@code src/a.py} and
 * {@code src/*.py}, but not {@code srcx}. A "repo path" here is non-empty, has no empty,
 * {@code .} or {@code ..} segment and no control character. Named resources intersect only the
 * identical name, never a path or a glob. The relation is symmetric, and the answer is exact, not
 * an approximation in either direction. Matching is case-sensitive: on a case-insensitive file
 * system the application's resolver folds both spellings to lower case before they get here.
 *
 * <p>Cost: two paths compare as strings; anything with a glob runs a search polynomial in the
 * two lengths: tens of microseconds for everyday patterns, about half a second at the limits
 * ({@link Resource.PathResource#MAX_LENGTH}-character path against a
 * {@link Wildmatch#MAX_LENGTH}-character glob).
 */
public final class ResourceOverlap {

    private ResourceOverlap() {}

    /** True when some repo path (or, for named resources, the name) is covered by both. */
    public static boolean intersects(Resource a, Resource b) {
        return witness(a, b).isPresent();
    }

    /**
     * A shortest repo path covered by both, for telling a user why two leases conflict (for two
     * equal named resources, their text); empty when they do not intersect. Which of several
     * shortest paths is returned is unspecified.
     */
    public static Optional<String> witness(Resource a, Resource b) {
        if (a instanceof NamedResource || b instanceof NamedResource) {
            return a.equals(b) ? Optional.of(a.text()) : Optional.empty();
        }
        if (a instanceof PathResource(String x) && b instanceof PathResource(String y)) {
            return pathWitness(x, y); // the common case for edit checks, answered without a search
        }
        return OverlapSearch.shortest(PatternAutomaton.of(a), PatternAutomaton.of(b));
    }

    private static Optional<String> pathWitness(String x, String y) {
        if (x.equals(y) || y.startsWith(x + "/")) {
            return Optional.of(y);
        }
        return x.startsWith(y + "/") ? Optional.of(x) : Optional.empty();
    }
}
