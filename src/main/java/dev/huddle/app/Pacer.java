package dev.huddle.app;

import java.time.Duration;

/**
 * How a waiting use case (lock --wait, frontier --wait, watch) passes the time between two
 * checks of the store. Injected so tests can drive waits without real sleeping.
 */
@FunctionalInterface
public interface Pacer {

    /** Waits about {@code pause}; returns early (without error) when interrupted, re-asserting the interrupt. */
    void pause(Duration pause);

    Pacer SLEEP = pause -> {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };
}
