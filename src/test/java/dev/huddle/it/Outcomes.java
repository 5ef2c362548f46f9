package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;

/** Assertions on a finished {@code huddle} process that every process test shares. */
final class Outcomes {

    private Outcomes() {}

    /** Asserts exit 0 and returns the result for further checks. */
    static Result succeed(Result result) {
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    /** DESIGN §1.5 and §6: the documented exit code, one line on standard error, no stack trace. */
    static void assertCleanRefusal(Result result, int code) {
        assertThat(result.exitCode()).as("exit code of %s", result).isEqualTo(code);
        assertThat(result.stderrLines()).as("stderr lines of %s", result).hasSize(1);
        assertNoStackTrace(result);
    }

    static void assertNoStackTrace(Result result) {
        assertThat(result.stdout() + result.stderr()).doesNotContain("Exception", "\tat ", "java.lang.");
    }
}
