package dev.huddle.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dispatches every request that no other servlet claims to the route table: the route's handler
 * answers, an unknown path is 404 and a known path with another method 405, all in the API's
 * JSON error shape.
 */
final class ApiServlet extends HttpServlet {

    private final transient Routes routes;
    private final transient ErrorWriter errors;

    ApiServlet(Routes routes, ErrorWriter errors) {
        this.routes = routes;
        this.errors = errors;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        try {
            Reply reply = switch (routes.match(request.getMethod(), path)) {
                case Routes.Match.Found found -> found.route().handler().handle(apiRequest(request, found.params()));
                case Routes.Match.WrongMethod wrong -> throw ApiError.methodNotAllowed(request.getMethod(), path, wrong.allowed());
                case Routes.Match.NotFound notFound -> throw ApiError.notFound(path);
            };
            closingIfBodyUnread(request, response);
            Replies.write(request, response, reply);
        } catch (RuntimeException e) {
            closingIfBodyUnread(request, response);
            errors.write(response, e);
        }
    }

    /**
     * A route that answers without reading the body it was sent (a refusal before it looks, a
     * route that takes none) leaves Jetty to close the connection after the answer: the answer
     * says so, or a client sends its next request on that connection and gets no answer at all
     * (the JDK's client: "header parser received no bytes"), as the filters' refusals already do.
     */
    private static void closingIfBodyUnread(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean sentABody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (sentABody && !response.isCommitted() && !request.getInputStream().isFinished()) {
            response.setHeader("Connection", "close");
        }
    }

    private static ApiRequest apiRequest(HttpServletRequest request, Map<String, String> params) throws IOException {
        request.setAttribute(ClientProbe.ATTRIBUTE, (java.util.function.Supplier<java.util.function.BooleanSupplier>)
                () -> ClientProbe.of(request));
        request.setAttribute(CommandLineRoute.PEER_ATTRIBUTE, request.getRemoteAddr());
        return new ApiRequest(request.getMethod(), request.getRequestURI(), params, query(request.getQueryString()),
                request::getHeader, request::getAttribute, request.getInputStream());
    }

    /** The query as sent; {@code getParameterMap} would also read a form body, which the API never takes. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }
}
