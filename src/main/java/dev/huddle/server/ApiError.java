package dev.huddle.server;

import dev.huddle.app.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the HTTP face itself detects (wrong Host, body too large, rate limited, no such
 * path): an entry of the shared {@link ErrorCode} table, a message, a hint and any headers the
 * status needs ({@code Retry-After}, {@code Allow}). Domain failures stay the Coordinator's own
 * exceptions and are sorted by {@link ErrorCode#of}.
 */
public final class ApiError extends RuntimeException {

    private final ErrorCode code;
    private final String hint;
    private final Map<String, String> headers;

    public ApiError(ErrorCode code, String message, String hint, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.hint = hint;
        this.headers = Map.copyOf(headers);
    }

    public ApiError(ErrorCode code, String message) {
        this(code, message, code.hint(), Map.of());
    }

    public ErrorCode code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    public Map<String, String> headers() {
        return headers;
    }

    static ApiError notFound(String path) {
        return new ApiError(ErrorCode.NOT_FOUND, "no API path " + path);
    }

    static ApiError methodNotAllowed(String method, String path, Iterable<String> allowed) {
        String allow = String.join(", ", allowed);
        return new ApiError(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on " + path + " (allowed: " + allow + ")",
                ErrorCode.METHOD_NOT_ALLOWED.hint(), Map.of("Allow", allow));
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(ErrorCode.TOO_LARGE, "the request body is over the limit of " + limit + " bytes");
    }

    static ApiError rateLimited(long retryAfterSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
        return new ApiError(ErrorCode.RATE_LIMITED, "too many requests; retry after " + retryAfterSeconds + " s",
                ErrorCode.RATE_LIMITED.hint(), headers);
    }

    static ApiError forbidden(String message, String hint) {
        return new ApiError(ErrorCode.FORBIDDEN, message, hint, Map.of());
    }
}
