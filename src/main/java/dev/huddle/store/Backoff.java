package dev.huddle.store;

/**
 * The pause before a busy write transaction is tried again, the same for every adapter: doubling
 * from 20 ms up to 400 ms, with up to 20 ms of jitter so that writers which met once do not meet
 * again at the same instant.
 */
public final class Backoff {

    private Backoff() {}

    /** Sleeps before attempt {@code attempt + 1}; the milliseconds slept. Interrupted: busy, with the interrupt kept. */
    public static long pause(int attempt) {
        long ms = Math.min(400, 10L << attempt) + (long) (Math.random() * 20);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException.Busy("interrupted while waiting for the store", e);
        }
        return ms;
    }
}
