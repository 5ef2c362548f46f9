package dev.huddle.app;

import dev.huddle.core.HuddleException;
import dev.huddle.store.StoreException;

/**
 * The one error table of every face (DESIGN §6, style rule 19): each failure class has a stable
 * code (the {@code error.code} of an API answer, which a remote client turns back into an exit
 * code), an HTTP status and a CLI exit code. {@link #of} sorts any failure into it, so the CLI's
 * exit codes and the server's statuses cannot drift apart. No HTTP library is involved: the cold
 * CLI uses this table too.
 */
public enum ErrorCode {

    BAD_INPUT("bad_input", 400, 64, "correct the request as the message says"),
    UNAUTHORIZED("unauthorized", 401, 1, "send 'Authorization: Bearer TOKEN' with a token from 'huddle token issue'"),
    FORBIDDEN("forbidden", 403, 1, "this needs other rights than the request has"),
    UNKNOWN("unknown", 404, 1, "check the name or id; list what exists first"),
    NOT_FOUND("not_found", 404, 1, "/api/v1/openapi.json lists the API's paths"),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, 1, "the Allow header lists the methods of this path"),
    DENIED("denied", 409, 2, "someone else holds it; wait, or ask the holder"),
    NOT_READY("not_ready", 409, 3, "the condition is not met yet; wait and ask again"),
    TOO_LARGE("too_large", 413, 64, "send a smaller request"),
    /** The request is well formed but cannot be carried out in the current state (exit 1 of the CLI). */
    FAILED("failed", 422, 1, "the message says what stands in the way"),
    RATE_LIMITED("rate_limited", 429, 1, "wait the number of seconds in Retry-After, then retry"),
    INTERNAL("internal", 500, 1, "this is a bug or an unexpected store error; the server's log has details"),
    BUSY("busy", 503, 1, "the store is busy with other writers; retry shortly"),
    UNAVAILABLE("unavailable", 503, 1, "the store cannot be used now; the message says why");

    private final String code;
    private final int httpStatus;
    private final int exitCode;
    private final String hint;

    ErrorCode(String code, int httpStatus, int exitCode, String hint) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.exitCode = exitCode;
        this.hint = hint;
    }

    /** The stable machine-readable name, e.g. {@code denied}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What to do about it in general; a failure's own message is more specific. */
    public String hint() {
        return hint;
    }

    /**
     * The class of {@code failure}. An if-chain rather than a pattern switch: the CLI calls this
     * on its cold path (docs/decisions.md, "Start-up cost").
     */
    public static ErrorCode of(Throwable failure) {
        if (failure instanceof StoreException.Busy) {
            return BUSY;
        }
        if (failure instanceof StoreException.Failure) {
            return INTERNAL;
        }
        if (failure instanceof StoreException) {
            return UNAVAILABLE;
        }
        if (failure instanceof HuddleException h) {
            return switch (h.kind()) {
                case INVALID_INPUT -> BAD_INPUT;
                case FAILED -> FAILED;
                case DENIED -> DENIED;
                case NOT_READY -> NOT_READY;
                case INTERNAL -> INTERNAL;
            };
        }
        return INTERNAL;
    }

    /** The entry with the given {@link #code()}, for clients reading an API error; null when unknown. */
    public static ErrorCode byCode(String code) {
        for (ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        return null;
    }
}
