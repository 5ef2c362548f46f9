package dev.huddle.cli.args;

/** The command line itself is wrong (unknown option, missing argument): exit 64 with a pointer to --help. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
