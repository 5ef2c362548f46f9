package dev.huddle.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's route table: (method, path, handler) entries, registered once before the server
 * starts (e.g. derived from the Coordinator's table of operations) and read by every request.
 * Two routes of the same method and the same path shape are refused at registration, so a
 * request never matches ambiguously; where a literal and a parameter both match, the literal wins.
 */
public final class Routes {

    /** Answers one request of one route. Failures are thrown: {@link ApiError}, or the Coordinator's own. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(ApiRequest request);
    }

    /** One entry of the table. */
    public record Route(String method, PathPattern path, Handler handler) {}

    /** What a request path and method find in the table. */
    public sealed interface Match {
        /** A route, with the path's parameters. */
        record Found(Route route, Map<String, String> params) implements Match {}

        /** Routes exist for the path, but not for this method. */
        record WrongMethod(Set<String> allowed) implements Match {}

        record NotFound() implements Match {}
    }

    /** Replaced whole on each registration, so requests read it without a lock. */
    private volatile List<Route> routes = List.of();
    /** The routes without parameters by path and method: most requests are found here at once. */
    private volatile Map<String, Map<String, Route>> literals = Map.of();

    public Routes get(String path, Handler handler) {
        return add("GET", path, handler);
    }

    public Routes post(String path, Handler handler) {
        return add("POST", path, handler);
    }

    public Routes delete(String path, Handler handler) {
        return add("DELETE", path, handler);
    }

    /** Adds a route; an ambiguous one (same method, same path shape) is a programming error. */
    public synchronized Routes add(String method, String path, Handler handler) {
        PathPattern pattern = PathPattern.of(path);
        for (Route r : routes) {
            if (r.method().equals(method) && r.path().sameShape(pattern)) {
                throw new IllegalArgumentException(method + " " + path + " is ambiguous with " + r.method() + " " + r.path());
            }
        }
        List<Route> more = new ArrayList<>(routes);
        Route route = new Route(method, pattern, handler);
        more.add(route);
        routes = List.copyOf(more);
        if (pattern.literal()) {
            Map<String, Map<String, Route>> byPath = new HashMap<>(literals);
            Map<String, Route> byMethod = new HashMap<>(byPath.getOrDefault(path, Map.of()));
            byMethod.put(method, route);
            byPath.put(path, Map.copyOf(byMethod));
            literals = Map.copyOf(byPath);
        }
        return this;
    }

    /** Every route, in registration order (the OpenAPI document and its test read them). */
    public List<Route> all() {
        return routes;
    }

    public Match match(String method, String path) {
        // A literal route is more specific than any route with a parameter matching the same path.
        Route exact = literals.getOrDefault(path, Map.of()).get(method);
        if (exact != null) {
            return new Match.Found(exact, Map.of());
        }
        if (!path.startsWith("/")) {
            return new Match.NotFound();
        }
        String[] parts = PathPattern.parts(path);
        Match.Found best = null;
        Set<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Optional<Map<String, String>> params = r.path().match(parts);
            if (params.isEmpty()) {
                continue;
            }
            allowed.add(r.method());
            if (r.method().equals(method) && (best == null || r.path().moreSpecificThan(best.route().path()))) {
                best = new Match.Found(r, params.get());
            }
        }
        if (best != null) {
            return best;
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.WrongMethod(allowed);
    }
}
