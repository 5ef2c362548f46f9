package dev.huddle.boot;

import dev.huddle.app.ChangeSignal;
import dev.huddle.app.Coordinator;
import java.util.function.Supplier;

/**
 * The server's coordinators, wired so a write through the server wakes its waiters at once: each
 * waits with a pacer of one {@link ChangeSignal}, and the server runs {@code written} after every
 * write it makes. The faces see a supplier and a runnable, never the pacer.
 */
public record ServerWiring(Supplier<Coordinator> coordinators, Runnable written) {

    public static ServerWiring of(Runtime runtime) {
        ChangeSignal signal = new ChangeSignal();
        return new ServerWiring(() -> runtime.open(false, signal.pacer()), signal::signal);
    }
}
