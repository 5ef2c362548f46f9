package dev.huddle.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses requests that a web page could have sent through DNS rebinding or across origins
 * (DESIGN §8): the {@code Host} must be one of the server's own names ({@link HostNames}), and an
 * {@code Origin}, when present, must be the server itself (same host and port as the
 * {@code Host}). No CORS headers are ever sent, so browsers keep other origins' scripts from
 * reading answers.
 */
final class HostFilter extends HttpFilter {

    private final transient HostNames names;
    private final transient ErrorWriter errors;

    HostFilter(HostNames names, ErrorWriter errors) {
        this.names = names;
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String host = request.getHeader("Host");
        if (host == null || !names.allows(host, request.getLocalAddr())) {
            errors.refuse(response, ApiError.forbidden("the Host " + (host == null ? "header is missing" : "'" + host + "' is not this server's"),
                    "use the server's own address (e.g. http://127.0.0.1:PORT); to serve another name, start it with --allow-host NAME"));
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !HostNames.sameOrigin(origin, host)) {
            errors.refuse(response, ApiError.forbidden("cross-origin requests are refused (Origin '" + origin + "')",
                    "call the API from the same origin, or from a program that sends no Origin"));
            return;
        }
        chain.doFilter(request, response);
    }
}
