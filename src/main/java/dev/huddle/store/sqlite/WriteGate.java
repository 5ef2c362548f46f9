package dev.huddle.store.sqlite;

import dev.huddle.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the writers of one process wait for one database file: in arrival order, parked, before
 * they ask SQLite. SQLite's own busy handler makes a waiting writer sleep in steps of up to 100 ms
 * inside native code, so with several connections in one process (the server's pool) the file
 * sat idle while waiters slept, and on virtual threads every sleeping waiter pinned a carrier
 * thread. Writers of other processes still meet in SQLite's lock, as before.
 */
final class WriteGate {

    /** Longer than any write transaction should take; past it the writer gets the usual busy error. */
    static final long WAIT_MS = 30_000;

    private static final ConcurrentHashMap<Path, ReentrantLock> GATES = new ConcurrentHashMap<>();

    private WriteGate() {}

    /**
     * Enters the gate of {@code file}; the caller leaves it with {@link #leave} in a finally. Not
     * interruptible, like the SQLite call it stands before: a waiter interrupted because its client
     * left must still write that it gave up (the interrupt is kept for whoever looks next).
     */
    static void enter(Path file, String location) {
        ReentrantLock gate = GATES.computeIfAbsent(file, f -> new ReentrantLock(true));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (gate.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                    throw new StoreException.Busy("store " + location + " stayed busy: another writer in this "
                            + "process held it for " + WAIT_MS / 1000 + " s", null);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void leave(Path file) {
        GATES.get(file).unlock();
    }

    /** How many writers of this process wait at the gate of {@code file} now (for tests). */
    static int waiting(Path file) {
        ReentrantLock gate = GATES.get(file);
        return gate == null ? 0 : gate.getQueueLength();
    }
}
