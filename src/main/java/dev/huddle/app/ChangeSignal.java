package dev.huddle.app;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes committed through one process (the server), told to everyone waiting in it: a waiter's
 * pause ({@link #pacer}) ends at the next write instead of after its look interval, so a release
 * through the server reaches its waiters at once. Writers outside the process are still seen by
 * the store's change counter ({@link ChangeWatch}) on the pause's own schedule, unless the wiring
 * also signals their commits (on PostgreSQL a LISTEN connection does, {@code boot/ServerWiring}).
 */
public final class ChangeSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

    /** Something was written: every pause in progress (and the next pause of every pacer that missed it) ends. */
    public void signal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pacer for one coordinator (one thread at a time). It remembers the last write it was told
     * of, so a write that lands between a waiter's look at the store and its next pause ends that
     * pause at once rather than being missed; the cost is at most one early look.
     */
    public Pacer pacer() {
        return new Pacer() {
            private long seen = generation();

            @Override
            public void pause(Duration pause) {
                seen = await(seen, pause);
            }
        };
    }

    /**
     * Waits until a write after {@code seen} or for {@code pause}; returns the generation now
     * (pass it as {@code seen} next time). Returns early, re-asserting the interrupt, when interrupted.
     */
    public long await(long seen, Duration pause) {
        long left = nanos(pause);
        lock.lock();
        try {
            while (generation == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
            return generation;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return generation;
        } finally {
            lock.unlock();
        }
    }

    private static long nanos(Duration pause) {
        try {
            return pause.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** How many writes were signalled so far. */
    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }
}
