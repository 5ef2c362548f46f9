package dev.huddle.mcp;

import dev.huddle.app.Coordinator;
import java.util.function.Function;

/**
 * Where a tool call gets its Coordinator: over stdio the session's one coordinator, one call at a
 * time; over HTTP one from the server's pool.
 */
@FunctionalInterface
public interface Store {

    Object with(Function<Coordinator, Object> work);

    /** One coordinator, its calls one at a time, as one CLI process makes them. */
    static Store serial(Coordinator coordinator) {
        return work -> {
            synchronized (coordinator) {
                return work.apply(coordinator);
            }
        };
    }
}
