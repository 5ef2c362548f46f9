package dev.huddle.server;

import dev.huddle.app.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Every request under {@code /api/v1} and to {@code /mcp} carries {@code Authorization: Bearer CREDENTIAL}, except the
 * open paths ({@code /health}). A missing or malformed header, and a refused credential whatever
 * the reason, are 401 with {@code WWW-Authenticate: Bearer}: the reason is the audit log's, not the
 * caller's. An admitted caller is left as a request attribute ({@link Caller#ATTRIBUTE}).
 * Paths outside the API (mounted servlets) pass through; a mount that needs auth brings its own.
 */
final class AuthFilter extends HttpFilter {

    static final String PREFIX = "/api/v1/";
    /** The MCP endpoint (dev.huddle.mcp.McpHttp): its calls act as the token's agent, so it is behind a token too. */
    static final String MCP = "/mcp";
    private static final String BEARER = "Bearer ";

    private final transient Authenticator authenticator;
    private final transient Set<String> open;
    private final transient ErrorWriter errors;

    AuthFilter(Authenticator authenticator, Set<String> openPaths, ErrorWriter errors) {
        this.authenticator = authenticator;
        this.open = Set.copyOf(openPaths);
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        boolean guarded = path.startsWith(PREFIX) || path.equals(MCP) || path.startsWith(MCP + "/");
        if (!guarded || open.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.length() == BEARER.length()) {
            errors.refuse(response, unauthorized(header == null ? "the request carries no Authorization header"
                    : "the Authorization header is not 'Bearer TOKEN'"));
            return;
        }
        java.util.Optional<Caller> caller;
        try {
            caller = authenticator.authenticate(header.substring(BEARER.length()).strip());
        } catch (RuntimeException e) {
            // The token store could not answer (busy, unavailable): its status, not a bare 500.
            errors.refuse(response, e);
            return;
        }
        if (caller.isEmpty()) {
            errors.refuse(response, unauthorized("the token is not valid (unknown, revoked, expired or mistyped)"));
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(ErrorCode.UNAUTHORIZED, message, ErrorCode.UNAUTHORIZED.hint(),
                Map.of("WWW-Authenticate", "Bearer realm=\"huddle\""));
    }
}
