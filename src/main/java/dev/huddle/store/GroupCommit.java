package dev.huddle.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writers of one process that commit together. Every write transaction on a store ends with a
 * commit that all writers wait for in turn (PostgreSQL's flush to disk, 1–2.5 ms on the machines
 * measured, taken while the writers' lock is held; SQLite's WAL append). So the server's stores
 * join a group: writes queue, and while any wait they are taken, oldest first and up to
 * {@value #MAX_BATCH} at a time, into one transaction ({@link Store#writeEach}, each work in a
 * savepoint) on the store of the oldest of them, whose writer is waiting and not using it; each
 * writer gets its outcome. Alone, a writer just writes. The order of commits is the order of
 * arrival, and a work's outcome is exactly what {@link Store#write} would have given it.
 *
 * <p>Who runs the batches depends on the store. SQLite's statements are calls into the library,
 * and the oldest writer runs its batch on its own thread, then wakes the oldest still queued to run
 * the next. PostgreSQL's ({@link #onPlatformThread}) are round trips made one after another while
 * every other writer waits: there a platform thread ({@link #WRITERS}) runs batch after batch for
 * as long as writes are queued, started by the writer that finds none running. Writers are mostly
 * the server's virtual threads, and a virtual thread that waits for a socket parks and is woken
 * through the JDK's poller, a hand-off on each answer that cost more than the statements; and a
 * writer that woke to start each batch put two more hand-offs between batches, in the tail of every
 * write queued behind them (measured: docs/decisions.md, "PostgreSQL writes: round trips, the
 * writers' thread, generic plans" and "The tail at 2,000 writes a second").
 */
public final class GroupCommit {

    /** Works per transaction at most: PostgreSQL keeps up to 64 subtransactions per session in memory. */
    static final int MAX_BATCH = 32;

    /**
     * The platform threads that run batches: one at a time per group, so one thread while a single
     * server runs; idle ones end after a minute, so groups of tests leave none behind.
     */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(Thread.ofPlatform()
            .name("huddle-writer-", 0).daemon(true).factory());

    /** Whether batches run on a platform thread of {@link #WRITERS} rather than their oldest writer's. */
    private final boolean platformWriter;
    private final ReentrantLock mutex = new ReentrantLock();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Whether a batch runs now, or (on a platform writer) the writer's loop does; guarded by {@link #mutex}. */
    private boolean leading;

    /**
     * A work waiting for its batch, the store of its writer, and then what it came to. Each has its
     * own condition, so that the end of a batch wakes its writers (and the next leader) only:
     * waking every writer queued, up to the server's 64, for each batch cost a scheduling round for
     * each, nearly all for nothing.
     */
    private static final class Pending {
        final Function<Tx, ?> work;
        final Store own;
        final Condition turn;
        Written outcome;

        Pending(Function<Tx, ?> work, Store own, Condition turn) {
            this.work = work;
            this.own = own;
            this.turn = turn;
        }
    }

    /** A group whose batches run on the oldest writer's own thread (SQLite). */
    public GroupCommit() {
        this(false);
    }

    private GroupCommit(boolean platformWriter) {
        this.platformWriter = platformWriter;
    }

    /** A group whose batches run on a platform thread: for a store whose statements are round trips. */
    public static GroupCommit onPlatformThread() {
        return new GroupCommit(true);
    }

    /** {@code own} with its writes joining this group's commits; its reads, looks and the rest stay its own. */
    public Store member(Store own) {
        return new Member(own, this);
    }

    /**
     * Runs {@code work} in the next batch and returns or throws what it came to. Not
     * interruptible, like the store call it stands for: an interrupt is kept for whoever looks next.
     */
    @SuppressWarnings("unchecked")
    <T> T write(Store own, Function<Tx, T> work) {
        Pending mine = new Pending(work, own, mutex.newCondition());
        List<Pending> batch = null;
        mutex.lock();
        try {
            queue.add(mine);
            if (platformWriter && !leading) {
                try {
                    WRITERS.execute(this::runWhileQueued);
                } catch (RuntimeException | Error e) {
                    queue.remove(mine); // no thread to run it (none could be made): this write fails alone
                    throw e;
                }
                leading = true;
            }
            // Without a platform writer the oldest writer queued leads when no batch runs (the batch
            // ending wakes it), so its own write is always in the batch it leads.
            while (mine.outcome == null && (platformWriter || leading || queue.peek() != mine)) {
                mine.turn.awaitUninterruptibly();
            }
            if (mine.outcome == null) {
                leading = true;
                batch = oldest();
            }
        } finally {
            mutex.unlock();
        }
        if (batch != null) {
            run(batch);
            mutex.lock();
            try {
                leading = false;
                Pending next = queue.peek();
                if (next != null) {
                    next.turn.signal();
                }
            } finally {
                mutex.unlock();
            }
        }
        return (T) mine.outcome.get();
    }

    /** The platform writer's loop: batch after batch until no write is queued. */
    private void runWhileQueued() {
        while (true) {
            List<Pending> batch;
            mutex.lock();
            try {
                batch = oldest();
                if (batch.isEmpty()) {
                    leading = false;
                    return;
                }
            } finally {
                mutex.unlock();
            }
            run(batch);
        }
    }

    /** The oldest writes queued, up to a batch's worth, taken off the queue; the caller holds {@link #mutex}. */
    private List<Pending> oldest() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.poll());
        }
        return batch;
    }

    /** Runs {@code batch} on its oldest writer's store and hands each writer its outcome, whatever happens. */
    private void run(List<Pending> batch) {
        List<Written> outcomes = null;
        Throwable failed = null;
        try {
            Store own = batch.getFirst().own;
            outcomes = batch.size() == 1 ? List.of(alone(own, batch.getFirst().work))
                    : own.writeEach(batch.stream().<Function<Tx, ?>>map(p -> p.work).toList());
        } catch (RuntimeException | Error e) {
            failed = e;
        } finally {
            mutex.lock();
            try {
                for (int i = 0; i < batch.size(); i++) {
                    Pending p = batch.get(i);
                    p.outcome = outcomes != null ? outcomes.get(i)
                            : Written.failed(failed != null ? failed : new IllegalStateException("batch not run"));
                    p.turn.signal();
                }
            } finally {
                mutex.unlock();
            }
        }
    }

    /** How many writes wait for a batch now (for tests). */
    int queued() {
        mutex.lock();
        try {
            return queue.size();
        } finally {
            mutex.unlock();
        }
    }

    private static Written alone(Store own, Function<Tx, ?> work) {
        try {
            return Written.done(own.write(work));
        } catch (RuntimeException | Error e) {
            return Written.failed(e);
        }
    }

    /** A store of the group: writes go through the group, everything else to its own store. */
    private static final class Member extends ForwardingStore {
        private final Store own;
        private final GroupCommit group;

        Member(Store own, GroupCommit group) {
            super(own);
            this.own = own;
            this.group = group;
        }

        @Override
        public <T> T write(Function<Tx, T> work) {
            return group.write(own, work);
        }
    }
}
