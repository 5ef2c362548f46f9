package dev.huddle.app;

/**
 * An expected refusal among a use case's outcomes (a lease or claim held by another, a task not
 * ready, a summary out of turn): the use case changed nothing (DESIGN §1.5) and says so with a
 * value, not an exception, so a face can show everything it knows (who holds what, until when).
 * Every face answers it alike from {@link #code()}: denied (exit 2, HTTP 409 {@code denied}) or
 * not ready (exit 3, HTTP 409 {@code not_ready}). A marker on the refusal records, so which
 * outcomes refuse is declared where they are, never listed per use case.
 */
public interface Refusal {

    /** Which refusal of the error table this is. */
    default ErrorCode code() {
        return ErrorCode.DENIED;
    }
}
