package dev.huddle.cli;

import dev.huddle.app.ErrorCode;
import dev.huddle.cli.args.UsageException;
import dev.huddle.core.HuddleException;

/**
 * The exit codes of DESIGN §6. Failures are mapped onto them by the error table the server uses
 * too ({@link ErrorCode}); only the CLI's own usage errors are sorted here.
 */
public final class ExitCode {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int DENIED = 2;
    public static final int NOT_READY = 3;
    public static final int USAGE = 64;

    private ExitCode() {}

    static int of(Throwable failure) {
        return failure instanceof UsageException ? USAGE : ErrorCode.of(failure).exitCode();
    }

    /** Whether the failure is an expected one whose message is the whole story (no trace, even with --debug). */
    static boolean expected(Throwable failure) {
        return failure instanceof UsageException
                || failure instanceof HuddleException h && h.kind() != HuddleException.Kind.INTERNAL;
    }
}
