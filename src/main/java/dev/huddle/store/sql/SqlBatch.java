package dev.huddle.store.sql;

import dev.huddle.store.StoreException;
import dev.huddle.store.Tx;
import dev.huddle.store.Written;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Several works in one open write transaction ({@link dev.huddle.store.Store#writeEach}), each in a
 * savepoint of its own: a work that throws (a refusal rolls its work back by throwing; a statement
 * that failed) is undone to its savepoint and its exception becomes its outcome, and the next work
 * goes on. A failure of the store itself (busy, unreachable, full, read-only, damaged) is thrown on,
 * so the adapter ends or retries the whole transaction as it would one work's.
 *
 * <p>What a work {@linkplain SqlJdbc#post posts} is not sent when it ends: it goes with the next
 * work's savepoint and first statement, a round trip less per work; the last work's goes with a
 * flush of its own, or ({@link Last#WITH_COMMIT}) is left for the caller's commit to carry, one
 * round trip less per batch; an adapter may send several works' writes as the next work begins
 * ({@link SqlJdbc#beginWork}). A posted write that fails then fails in a message that may also hold
 * the next work's savepoint and statements, and nothing tells whether that savepoint was made
 * before the failure ({@link SqlJdbc#rollBackToWork} cannot tell); in the commit's message it ends
 * the transaction. That is rare — posted writes are ones that fail only when the transaction does
 * — so the batch is then undone to its start (by the caller, when the commit failed: it runs the
 * batch again with {@link Last#SENT}) and run again with each work's writes sent before the next
 * one begins: every failure is then its own work's. Works may run again, as a store runs a work
 * again when it was busy.
 */
public final class SqlBatch {

    public static final String SAVEPOINT = "SAVEPOINT huddle_work";
    public static final String ROLLBACK = "ROLLBACK TO SAVEPOINT huddle_work";
    public static final String BATCH_SAVEPOINT = "SAVEPOINT huddle_batch";
    public static final String BATCH_ROLLBACK = "ROLLBACK TO SAVEPOINT huddle_batch";

    private SqlBatch() {}

    /** Where the last work's posted writes go. */
    public enum Last {
        /** Sent before the batch ends: a failure of the caller's commit is then not a work's. */
        SENT,
        /**
         * Left held for the caller's commit to carry when no work failed unclearly before: a failure of that
         * commit may then be the last work's, and the caller runs the batch again with {@link #SENT}.
         */
        WITH_COMMIT
    }

    /** Runs {@code works} in order in {@code tx}, whose transaction the caller opened and commits. */
    public static List<Written> runEach(Tx tx, List<? extends Function<Tx, ?>> works, Last last) {
        if (!(tx instanceof SqlTx sql)) {
            throw new IllegalArgumentException("a batch runs in an SQL store's transaction, not in " + tx);
        }
        SqlJdbc jdbc = sql.jdbc();
        // Whose rows the works look up is read once, with the first work's first statement.
        sql.prepareBatch(works);
        jdbc.beginBatch();
        List<Written> outcomes = new ArrayList<>(works.size());
        boolean apart = false; // whether each work's writes are sent before the next work begins
        while (outcomes.size() < works.size()) {
            int i = outcomes.size();
            try {
                jdbc.beginWork(i);
            } catch (StoreException.Failure unclear) {
                // Earlier works' writes sent together failed, whose is not known: all again, each sent alone.
                if (apart) {
                    throw unclear;
                }
                sql.rolledBack();
                jdbc.rollBackToBatch();
                outcomes.clear();
                apart = true;
                continue;
            }
            Written outcome = attempt(tx, works.get(i));
            if (outcome.failure() == null) {
                outcomes.add(outcome);
                if (apart || (outcomes.size() == works.size() && last == Last.SENT)) {
                    try {
                        jdbc.flush(); // the work's posts
                    } catch (StoreException.Failure failed) {
                        outcome = Written.failed(failed);
                    }
                }
            }
            if (outcome.failure() != null) {
                sql.rolledBack();
                if (!undo(jdbc, outcomes, i, outcome)) {
                    if (apart) {
                        throw new IllegalStateException("a work's failure was unclear with nothing of another work sent with it");
                    }
                    jdbc.rollBackToBatch();
                    outcomes.clear();
                    apart = true;
                }
            }
        }
        return outcomes;
    }

    /**
     * Whether a batch's transaction is worth committing: a work of it was done. One whose every
     * work failed changed nothing, and its commit would still count as a change that wakes every
     * waiter (and, on PostgreSQL, notifies every server): it is rolled back instead.
     */
    public static boolean anyDone(List<Written> outcomes) {
        for (Written w : outcomes) {
            if (w.failure() == null) {
                return true;
            }
        }
        return false;
    }

    /** The work's value, or what it threw; a failure of the store itself is thrown on. */
    private static Written attempt(Tx tx, Function<Tx, ?> work) {
        try {
            return Written.done(work.apply(tx));
        } catch (StoreException e) {
            if (!(e instanceof StoreException.Failure)) {
                throw e;
            }
            return Written.failed(e);
        } catch (RuntimeException e) {
            return Written.failed(e);
        }
    }

    /**
     * Undoes the work that failed, given that work {@code i} (or the flush after it) came to
     * {@code failure}: rolls back to the newest savepoint and records its work as failed, dropping
     * the outcomes after it (those works run again). What is posted and not sent yet goes first,
     * with the rollback; when that is what fails, the rollback runs after it, on its own. False when
     * whose work failed cannot be told: the whole batch must be undone.
     */
    private static boolean undo(SqlJdbc jdbc, List<Written> outcomes, int i, Written failure) {
        boolean clear;
        try {
            clear = jdbc.rollBackToWork();
        } catch (StoreException.Failure sent) {
            // What it held failed (its own posts, or an earlier work's), or there is no savepoint.
            try {
                clear = jdbc.rollBackToWork();
            } catch (StoreException.Failure noSavepoint) {
                // Nothing of any work had run: the transaction's own start failed.
                throw messageFailure(failure, sent);
            }
        }
        if (clear) {
            outcomes.subList(i, outcomes.size()).clear();
            outcomes.add(failure);
        }
        return clear;
    }

    /**
     * What the batch fails with when its own start failed: the statement's failure when the work's
     * statement carried it, else the one the rollback's message met (the work had refused without
     * sending anything).
     */
    private static StoreException.Failure messageFailure(Written failure, StoreException.Failure sent) {
        if (failure.failure() instanceof StoreException.Failure statement) {
            return statement;
        }
        return sent != null ? sent : new StoreException.Failure("a batch of writes failed: " + failure.failure(),
                failure.failure());
    }
}
