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
 * <p>The savepoint is {@linkplain SqlJdbc#post posted}, so it goes with the work's first statement,
 * and a work's posted writes are flushed before its outcome is taken: a write of one work that
 * fails fails that work, never the next.
 */
public final class SqlBatch {

    /** One name for every savepoint: rolling back to it undoes the newest, which is the current work's. */
    private static final String MARK = "SAVEPOINT huddle_work";
    private static final String UNDO = "ROLLBACK TO SAVEPOINT huddle_work";

    private SqlBatch() {}

    /** Runs {@code works} in order in {@code tx}, whose transaction the caller opened and commits. */
    public static List<Written> runEach(Tx tx, List<? extends Function<Tx, ?>> works) {
        if (!(tx instanceof SqlTx sql)) {
            throw new IllegalArgumentException("a batch runs in an SQL store's transaction, not in " + tx);
        }
        SqlJdbc jdbc = sql.jdbc();
        List<Written> outcomes = new ArrayList<>(works.size());
        for (Function<Tx, ?> work : works) {
            jdbc.post(MARK);
            try {
                Object result = work.apply(tx);
                jdbc.flush();
                outcomes.add(Written.done(result));
            } catch (StoreException e) {
                if (!(e instanceof StoreException.Failure)) {
                    throw e;
                }
                undo(jdbc);
                outcomes.add(Written.failed(e));
            } catch (RuntimeException e) {
                undo(jdbc);
                outcomes.add(Written.failed(e));
            }
        }
        return outcomes;
    }

    /**
     * Rolls back to the work's savepoint. What the work posted goes first (the savepoint itself may
     * be among it); if one of those writes fails, the transaction waits in the failed state and the
     * rollback is sent again on its own, which ends that state.
     */
    private static void undo(SqlJdbc jdbc) {
        jdbc.post(UNDO);
        try {
            jdbc.flush();
        } catch (StoreException.Failure failedFirst) {
            jdbc.update(UNDO);
        }
    }
}
