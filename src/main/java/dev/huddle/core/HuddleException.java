package dev.huddle.core;

/**
 * A failure the user can act on: it carries one line of text for stderr and the outcome class
 * that decides the exit code (DESIGN §6). Expected refusals such as a lease conflict are values,
 * not exceptions; this is for input that cannot be processed and things that do not exist.
 */
public class HuddleException extends RuntimeException {

    /** How a failure maps onto the CLI's exit codes, MCP errors and HTTP statuses. */
    public enum Kind {
        /** Malformed input: bad flag, bad duration, empty message, path outside the repo. Exit 64. */
        INVALID_INPUT,
        /** Something named does not exist or cannot be done now (unknown agent, message). Exit 1. */
        FAILED,
        /** A lease or claim is held by another. Exit 2. */
        DENIED,
        /** A condition is not met yet: frontier not safe, a wait timed out. Exit 3. */
        NOT_READY,
        /** Something broke that the user did not cause (a bug, an unexpected database error). Exit 1. */
        INTERNAL
    }

    private final Kind kind;

    public HuddleException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HuddleException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static HuddleException invalid(String message) {
        return new HuddleException(Kind.INVALID_INPUT, message);
    }

    public static HuddleException failed(String message) {
        return new HuddleException(Kind.FAILED, message);
    }
}
