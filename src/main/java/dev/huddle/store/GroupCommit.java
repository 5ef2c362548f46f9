package dev.huddle.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writers of one process that commit together. Every write transaction on a store ends with a
 * commit that all writers wait for in turn (PostgreSQL's flush to disk, 1–2.5 ms on the machines
 * measured, taken while the writers' lock is held; SQLite's WAL append). So the server's stores
 * join a group: a writer that finds no commit under way leads, taking every write queued (up to
 * {@value #MAX_BATCH}, oldest first) into one transaction of its own store ({@link Store#writeEach},
 * each work in a savepoint), and hands each writer its outcome; writers that arrive meanwhile queue
 * for the next one, and a leader whose own write was not among the oldest leads again. Alone, a
 * writer just writes. The order of commits is the order of arrival, and a work's outcome is
 * exactly what {@link Store#write} would have given it.
 *
 * <p>On PostgreSQL ({@link #onPlatformThread}) the leader runs its batch on a platform thread
 * ({@link #WRITERS}) and waits for it. Writers are mostly the server's virtual threads, and a
 * virtual thread that waits for a socket parks and is woken through the JDK's poller: where a
 * batch is round trips made one after another while every other writer waits, that hand-off on
 * each answer cost more than the statements. SQLite's statements are calls into the library, with
 * nothing to wait for, and there the hand-off to another thread only adds its own cost (measured:
 * docs/decisions.md, "PostgreSQL writes: round trips, the writers' thread, generic plans").
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

    /** Whether batches led by a virtual thread run on a platform thread. */
    private final boolean platformWriter;
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition turn = mutex.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Whether a writer is running a batch now; guarded by {@link #mutex}. */
    private boolean leading;

    /** A work waiting for its batch, and then what it came to. */
    private static final class Pending {
        final Function<Tx, ?> work;
        Written outcome;

        Pending(Function<Tx, ?> work) {
            this.work = work;
        }
    }

    /** A group whose batches run on the leader's own thread (SQLite). */
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
     * Runs {@code work} in the next batch, led by this thread (on {@code own}) unless another
     * writer leads one now. Not interruptible, like the store call it stands for: an interrupt is
     * kept for whoever looks next.
     */
    @SuppressWarnings("unchecked")
    <T> T write(Store own, Function<Tx, T> work) {
        Pending mine = new Pending(work);
        mutex.lock();
        try {
            queue.add(mine);
        } finally {
            mutex.unlock();
        }
        // A leader takes the oldest writes queued, which need not include its own when more than a
        // batch wait: it then leads (or waits for) the next batch too, until its own has an outcome.
        while (true) {
            List<Pending> batch = new ArrayList<>();
            Written outcome;
            mutex.lock();
            try {
                while (leading && mine.outcome == null) {
                    turn.awaitUninterruptibly();
                }
                outcome = mine.outcome;
                if (outcome == null) {
                    leading = true;
                    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(queue.poll());
                    }
                }
            } finally {
                mutex.unlock();
            }
            if (outcome != null) {
                return (T) outcome.get();
            }
            onWriterThread(() -> lead(own, batch));
        }
    }

    private void lead(Store own, List<Pending> batch) {
        List<Written> outcomes = null;
        Throwable failed = null;
        try {
            outcomes = batch.size() == 1 ? List.of(alone(own, batch.getFirst().work))
                    : own.writeEach(batch.stream().<Function<Tx, ?>>map(p -> p.work).toList());
        } catch (RuntimeException | Error e) {
            failed = e;
        } finally {
            mutex.lock();
            try {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).outcome = outcomes != null ? outcomes.get(i)
                            : Written.failed(failed != null ? failed : new IllegalStateException("batch not run"));
                }
                leading = false;
                turn.signalAll();
            } finally {
                mutex.unlock();
            }
        }
    }

    /** Runs {@code batch} on a platform thread, if this group asks for one, and waits for it to end, keeping an interrupt for later. */
    private void onWriterThread(Runnable batch) {
        if (!platformWriter || !Thread.currentThread().isVirtual()) {
            batch.run();
            return;
        }
        Future<?> running = WRITERS.submit(batch);
        boolean interrupted = false;
        while (true) {
            try {
                running.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a batch of writes failed outside its works", e.getCause());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
