package dev.huddle.testing;

import java.io.PrintStream;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Applies to every test (registered through the service loader; {@code junit-platform.properties}
 * turns autodetection on): a test that aborts, for whatever assumption, prints why in the build log
 * ({@code SKIPPED <test>: <reason>}), and under {@code CI=true} fails instead, so a check that
 * cannot run on CI is never skipped silently. {@link Prerequisite} is how tests are meant to skip;
 * this catches any other assumption too. {@code SkipPolicyTest} checks both.
 */
public final class SkipPolicy implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler, TestWatcher {

    private final boolean ci;
    private final PrintStream log;

    public SkipPolicy() {
        this(Prerequisite.onCi(), System.out);
    }

    SkipPolicy(boolean ci, PrintStream log) {
        this.ci = ci;
        this.log = log;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw judged(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw judged(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw judged(context, throwable);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        log.println("SKIPPED " + name(context) + ": disabled" + reason.map(r -> " (" + r + ")").orElse(""));
    }

    /** The failure to report for {@code thrown}: an abort becomes a logged skip, or on CI a failure. */
    Throwable judged(ExtensionContext context, Throwable thrown) {
        if (!(thrown instanceof TestAbortedException)) {
            return thrown;
        }
        String line = "SKIPPED " + name(context) + ": " + thrown.getMessage();
        if (ci) {
            return new AssertionFailedError(line + " (CI=true: a test that cannot run fails instead of being skipped)", thrown);
        }
        log.println(line);
        return thrown;
    }

    private static String name(ExtensionContext context) {
        String test = context.getDisplayName();
        return context.getTestClass().map(Class::getName).map(c -> c + (context.getTestMethod().isPresent() ? " > " + test : ""))
                .orElse(test);
    }
}
