package dev.huddle.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;

/**
 * Answers 429 with {@code Retry-After} when the request's key has spent its bucket
 * ({@link RateLimiter}). The key is chosen by an injected function: the client's address until
 * the auth filter admitted a caller, then its token (so one runaway agent cannot starve the others).
 */
final class RateLimitFilter extends HttpFilter {

    private final transient RateLimiter limiter;
    private final transient Function<HttpServletRequest, String> key;
    private final transient ErrorWriter errors;

    RateLimitFilter(RateLimiter limiter, Function<HttpServletRequest, String> key, ErrorWriter errors) {
        this.limiter = limiter;
        this.key = key;
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RateLimiter.Verdict verdict = limiter.acquire(key.apply(request));
        if (!verdict.admitted()) {
            // Whole seconds, rounded up: a client that waits that long finds a token.
            long seconds = Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000);
            errors.refuse(response, ApiError.rateLimited(seconds));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The caller's token when the auth filter admitted one (so agents behind one address, or one
     * proxy, do not share a bucket), else the client's address (open paths, plumbing tests).
     */
    static String callerOrAddress(HttpServletRequest request) {
        return request.getAttribute(Caller.ATTRIBUTE) instanceof Caller c ? "token:" + c.id() : clientAddress(request);
    }

    /** The client's address. */
    static String clientAddress(HttpServletRequest request) {
        return "addr:" + request.getRemoteAddr();
    }
}
