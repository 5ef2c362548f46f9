package dev.huddle.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test may skip: when something outside the JVM it needs is missing (a binary, root,
 * a mount namespace). Under {@code CI=true} a missing prerequisite fails the test, since a skipped
 * check on CI is a check nobody runs; elsewhere the test is skipped, and {@link SkipPolicy} prints
 * the reason in the build log. {@code PrerequisiteUseTest} keeps every test on this path.
 */
public final class Prerequisite {

    private Prerequisite() {}

    /** Skips (or, on CI, fails) the calling test unless {@code present}; {@code missing} says what is missing. */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (onCi()) {
            fail("missing prerequisite: " + missing + " (CI=true: a test that cannot run fails instead of being skipped)");
        }
        Assumptions.abort("missing prerequisite: " + missing);
    }

    /** Whether this run is CI's ({@code CI=true}, as GitHub Actions, GitLab and .ci/run set it). */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
