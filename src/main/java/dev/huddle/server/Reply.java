package dev.huddle.server;

import java.util.Map;

/**
 * A route's answer that is not a thrown failure: its status, a JSON-able body (maps, lists,
 * scalars) and extra headers. Successes, and refusals (409 with the refused result).
 */
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
