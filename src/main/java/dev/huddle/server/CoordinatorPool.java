package dev.huddle.server;

import dev.huddle.app.Coordinator;
import dev.huddle.app.ErrorCode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The server's coordinators: a {@code LocalCoordinator} holds one SQLite connection and belongs to
 * one thread at a time, so a request borrows one for its call and gives it back. Several of them
 * are several connections to the one file, exactly as several CLI processes are: WAL lets readers
 * run beside the writer, and writers queue in {@code BEGIN IMMEDIATE} (docs/decisions.md, "Huddle
 * server: the API"). At most {@code max} exist; a request that finds none free within the wait is
 * 503 {@code busy}. A coordinator whose store failed (not a refusal or bad input) is closed rather
 * than reused, so a broken connection is not handed out again.
 */
public final class CoordinatorPool implements AutoCloseable {

    private final Supplier<Coordinator> factory;
    private final int max;
    private final Duration wait;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition returned = lock.newCondition();
    private final Deque<Coordinator> idle = new ArrayDeque<>();
    private final List<Coordinator> all = new ArrayList<>();
    private boolean closed;

    public CoordinatorPool(Supplier<Coordinator> factory, int max, Duration wait) {
        if (max < 1) {
            throw new IllegalArgumentException("a pool needs at least one coordinator");
        }
        this.factory = factory;
        this.max = max;
        this.wait = wait;
    }

    /** Runs {@code work} with a coordinator of its own; what it throws is rethrown unchanged. */
    public <T> T with(Function<Coordinator, T> work) {
        Coordinator c = borrow();
        boolean healthy = false;
        try {
            T result = work.apply(c);
            healthy = true;
            return result;
        } catch (RuntimeException e) {
            ErrorCode code = ErrorCode.of(e);
            healthy = code != ErrorCode.UNAVAILABLE && code != ErrorCode.INTERNAL;
            throw e;
        } finally {
            giveBack(c, healthy);
        }
    }

    /** How many coordinators (connections) exist now. */
    public int size() {
        lock.lock();
        try {
            return all.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many coordinators are borrowed now (a stream holds one until its client leaves). */
    public int inUse() {
        lock.lock();
        try {
            return all.size() - idle.size();
        } finally {
            lock.unlock();
        }
    }

    /** A coordinator for the caller alone until {@link #giveBack}; for work that may not need one at all. */
    Coordinator borrow() {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new ApiError(ErrorCode.UNAVAILABLE, "the server is stopping");
                }
                if (!idle.isEmpty()) {
                    return idle.pop();
                }
                if (all.size() < max) {
                    // Cheap: the store's connection opens on first use, outside this lock.
                    Coordinator made = factory.get();
                    all.add(made);
                    return made;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ApiError(ErrorCode.BUSY, "all " + max + " store connections are in use; retry shortly");
                }
                returned.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(ErrorCode.UNAVAILABLE, "interrupted while waiting for a store connection");
        } finally {
            lock.unlock();
        }
    }

    /** Returns a borrowed coordinator; an unhealthy one (its store failed) is closed instead of reused. */
    void giveBack(Coordinator c, boolean healthy) {
        lock.lock();
        try {
            if (healthy && !closed) {
                // Last in, first out: the warmest connection serves next, idle ones stay idle.
                idle.push(c);
            } else {
                all.remove(c);
                closeQuietly(c);
            }
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            idle.forEach(CoordinatorPool::closeQuietly);
            all.removeAll(idle);
            idle.clear();
            returned.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Coordinator c) {
        try {
            c.close();
        } catch (RuntimeException ignore) {
            // Closing releases a connection; there is nothing else to undo.
        }
    }
}
