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
 * work's savepoint and first statement (the last work's, with a flush of its own), a round trip
 * less per work. A posted write that fails then fails in a message that may also hold later works'
 * statements, so whose failure it was is asked of the savepoints: the rollback goes back to the
 * newest one made, and the adapter tells whose work it began ({@link SqlJdbc#rollBackToWork}). That
 * work is undone and fails; the works after it, which ran on its writes, run again — as every work
 * may be, since a store runs a work again when it was busy.
 */
public final class SqlBatch {

    public static final String SAVEPOINT = "SAVEPOINT huddle_work";
    public static final String ROLLBACK = "ROLLBACK TO SAVEPOINT huddle_work";

    private SqlBatch() {}

    /** Runs {@code works} in order in {@code tx}, whose transaction the caller opened and commits. */
    public static List<Written> runEach(Tx tx, List<? extends Function<Tx, ?>> works) {
        if (!(tx instanceof SqlTx sql)) {
            throw new IllegalArgumentException("a batch runs in an SQL store's transaction, not in " + tx);
        }
        SqlJdbc jdbc = sql.jdbc();
        // Whose rows the works look up is read once, with the first work's first statement.
        sql.expect(works);
        List<Written> outcomes = new ArrayList<>(works.size());
        while (outcomes.size() < works.size()) {
            int i = outcomes.size();
            jdbc.beginWork(i);
            Written outcome = attempt(tx, works.get(i));
            if (outcome.failure() == null) {
                outcomes.add(outcome);
            } else {
                undo(jdbc, outcomes, i, outcome);
            }
            if (outcomes.size() == works.size()) {
                try {
                    jdbc.flush(); // the last work's posts
                } catch (StoreException.Failure failed) {
                    undo(jdbc, outcomes, works.size() - 1, Written.failed(failed));
                }
            }
        }
        return outcomes;
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
     * with the rollback; when that is what fails, the rollback runs after it, on its own.
     */
    private static void undo(SqlJdbc jdbc, List<Written> outcomes, int i, Written failure) {
        StoreException.Failure sent = null;
        int at;
        try {
            at = jdbc.rollBackToWork(i);
        } catch (StoreException.Failure f) {
            sent = f; // what it held failed (its own posts, or an earlier work's), or there is no savepoint
            try {
                at = jdbc.rollBackToWork(i);
            } catch (StoreException.Failure noSavepoint) {
                // Nothing of any work had run: the transaction's own start failed.
                throw messageFailure(failure, sent);
            }
        }
        outcomes.subList(at, outcomes.size()).clear();
        outcomes.add(at == i ? failure : Written.failed(messageFailure(failure, sent)));
    }

    /**
     * The failure of the message that held an earlier work's writes: the statement's own when work
     * i's statement carried them, else the one the rollback's message met (work i had refused
     * without sending anything).
     */
    private static StoreException.Failure messageFailure(Written failure, StoreException.Failure sent) {
        if (failure.failure() instanceof StoreException.Failure statement) {
            return statement;
        }
        return sent != null ? sent : new StoreException.Failure("a batch of writes failed: " + failure.failure(),
                failure.failure());
    }
}
