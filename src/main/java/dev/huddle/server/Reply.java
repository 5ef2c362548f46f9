package dev.huddle.server;

import java.util.Map;

/** A successful answer of a route: its status, a JSON-able body (maps, lists, scalars) and extra headers. */
public record Reply(int status, Object body, Map<String, String> headers) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    public static Reply created(Object body) {
        return new Reply(201, body, Map.of());
    }
}
