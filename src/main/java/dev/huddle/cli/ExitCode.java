package dev.huddle.cli;

import dev.huddle.cli.args.UsageException;
import dev.huddle.core.HuddleException;

/** The exit codes of DESIGN §6, and the one place failures are mapped onto them. */
public final class ExitCode {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int DENIED = 2;
    public static final int NOT_READY = 3;
    public static final int USAGE = 64;

    private ExitCode() {}

    static int of(Throwable failure) {
        return switch (failure) {
            case UsageException u -> USAGE;
            case HuddleException h -> switch (h.kind()) {
                case INVALID_INPUT -> USAGE;
                case FAILED, INTERNAL -> ERROR;
                case DENIED -> DENIED;
                case NOT_READY -> NOT_READY;
            };
            default -> ERROR;
        };
    }

    /** Whether the failure is an expected one whose message is the whole story (no trace, even with --debug). */
    static boolean expected(Throwable failure) {
        return failure instanceof UsageException
                || failure instanceof HuddleException h && h.kind() != HuddleException.Kind.INTERNAL;
    }
}
