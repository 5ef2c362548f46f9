package dev.huddle.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A long-poll wait ({@code lock --wait}, {@code frontier --wait}, {@code inbox --wait}) ends when
 * its client leaves: a killed or interrupted client must not keep its place in line for the rest
 * of its wait, nor be granted a lease nobody will use. A watchdog looks at the client's side of the
 * connection ({@link ClientProbe}) while the call waits and interrupts the waiting thread once it
 * is gone; the use cases treat an interrupt as giving up (the waiter leaves the line, recorded as
 * {@code interrupted}). The request body was read before the call, so the client sends nothing
 * more: reading the end of its input means it left.
 */
final class WhileClientStays {

    static final Duration LOOK_EVERY = Duration.ofMillis(200);

    private WhileClientStays() {}

    @SuppressWarnings("unchecked")
    static <T> T run(ApiRequest request, Supplier<T> call) {
        BooleanSupplier gone = request.attribute(ClientProbe.ATTRIBUTE)
                .map(p -> ((Supplier<BooleanSupplier>) p).get()).orElse(null);
        if (gone == null) {
            return call.get();
        }
        Thread caller = Thread.currentThread();
        AtomicBoolean finished = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().name("huddle-wait-watchdog").start(() -> {
            try {
                while (!finished.get()) {
                    Thread.sleep(LOOK_EVERY);
                    if (!finished.get() && gone.getAsBoolean()) {
                        caller.interrupt();
                        return;
                    }
                }
            } catch (InterruptedException stop) {
                // The call finished first.
            }
        });
        try {
            return call.get();
        } finally {
            finished.set(true);
            watchdog.interrupt();
            // Once the watchdog has ended it can interrupt nothing more; an interrupt meanwhile is its own.
            while (watchdog.isAlive()) {
                try {
                    watchdog.join();
                } catch (InterruptedException retry) {
                    // Cleared below.
                }
            }
            // The watchdog's interrupt was for the wait alone: the server thread goes on clean.
            Thread.interrupted();
        }
    }
}
