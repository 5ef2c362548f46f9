package dev.huddle.mcp;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /mcp}: hands each request to the server of its protocol revision ({@link Revision#of}),
 * the SDK's session transport or its stateless one. Both sit behind the server's filters, so a
 * request reaches either only with a valid token.
 */
final class RevisionRouter extends HttpServlet {

    private final HttpServlet session;
    private final HttpServlet stateless;

    RevisionRouter(HttpServlet session, HttpServlet stateless) {
        this.session = session;
        this.stateless = stateless;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        session.init(config);
        stateless.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        // The public service(ServletRequest, ...): the HTTP one is protected in another package.
        (Revision.of(request) == Revision.STATELESS ? stateless : session).service((ServletRequest) request, (ServletResponse) response);
    }

    @Override
    public void destroy() {
        session.destroy();
        stateless.destroy();
    }
}
