package dev.huddle.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few JDBC moves every table family makes, over one connection inside an open transaction.
 * Each adapter implements it over its own connection handling (SQLite keeps prepared statements
 * for the connection's life; PostgreSQL prepares per use) and turns SQL failures into its own
 * {@link dev.huddle.store.StoreException}s. Parameters are bound as {@link SqlValues#parameter}
 * says; result sets are always closed.
 */
public interface SqlJdbc {

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Reads one row for its side effect. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs a statement that returns no rows; the number of rows it changed. */
    int update(String sql, Object... args);

    /**
     * Runs a write whose answer nobody reads (no rows, no count) at the latest with the next
     * statement or {@link #flush}: an adapter whose statements are round trips sends it along with
     * the next one. Its failure is then thrown by that statement or by the flush, so a table family
     * posts only writes that fail only when the transaction does (a row known to exist, an insert
     * with no key of its own to clash on). Runs at once where statements cost no round trip.
     */
    default void post(String sql, Object... args) {
        update(sql, args);
    }

    /**
     * {@link #post}s a write of one row ({@code key} of {@code table}) whose earlier versions, if
     * still unsent, it replaces: an adapter whose statements are round trips keeps back the newest,
     * and sends it before the next statement that names {@code table}, the next savepoint, rollback
     * or commit, or {@link #flush}. A work that saves a row several times, with nothing reading it
     * in between, then costs the server one statement. Runs at once where statements cost no round
     * trip.
     */
    default void postLast(String table, Object key, String sql, Object... args) {
        update(sql, args);
    }

    /** Runs what {@link #post} holds; the transaction's owner calls it before committing. */
    default void flush() {}

    /**
     * Marks the start of a batch's first work ({@link SqlBatch}), so that all its works can be
     * undone together ({@link #rollBackToBatch}). Nothing where a failure is always the running
     * work's.
     */
    default void beginBatch() {}

    /**
     * Starts work {@code index} of a batch ({@link SqlBatch}): a savepoint, of one name for every
     * work, so that the statements sent with it read the same whichever work it is (PostgreSQL
     * plans a statement text once it has seen it a few times: a name per work made each message's
     * text one of hundreds, and every statement was planned anew). An adapter that holds posted
     * writes back may send those of earlier works first; when that message fails, which work's
     * write failed is not known.
     */
    default void beginWork(int index) {
        post(SqlBatch.SAVEPOINT);
    }

    /**
     * Rolls back to the newest work savepoint and tells whether it is surely the running work's:
     * always where statements run at once, so that a failure belongs to the work running. An
     * adapter that holds posted writes back may have sent an earlier work's with the running one's
     * in the message that failed; then it cannot tell whose savepoint the rollback reached and
     * answers false. Throws when there is none (the batch's own start failed).
     */
    default boolean rollBackToWork() {
        update(SqlBatch.ROLLBACK);
        return true;
    }

    /** Undoes every work of the batch ({@link #beginBatch}): what follows an unclear {@link #rollBackToWork}. */
    default void rollBackToBatch() {
        throw new UnsupportedOperationException("statements here run at once: a failure is always the running work's");
    }

    /** Every row of a query, read by {@code mapper}. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args);

    /** A query for {@link #queries} and {@link #ahead}: its text, how a row is read, its parameters. */
    record Query<T>(String sql, RowMapper<T> mapper, Object... args) {}

    /** Every row of {@code query}. */
    default <T> List<T> query(Query<T> query) {
        return query(query.sql(), query.mapper(), query.args());
    }

    /**
     * Every row of each query, in order, for reads that depend on nothing read before them: an
     * adapter whose statements are round trips sends them as one message (with what is posted).
     */
    default List<List<?>> queries(List<Query<?>> queries) {
        List<List<?>> all = new ArrayList<>(queries.size());
        for (Query<?> q : queries) {
            all.add(query(q));
        }
        return all;
    }

    /** The rows of a read {@linkplain #ahead sent ahead}. */
    @FunctionalInterface
    interface Ahead<T> {
        /** The rows; sends the read now if nothing has carried it yet, or again if what carried it failed. */
        List<T> rows();
    }

    /**
     * A read asked for now whose rows are wanted later, when what runs in between cannot change
     * them (or changes them in a way the caller allows for): an adapter whose statements are round
     * trips sends it in line with what is {@linkplain #post posted}, ahead of the next statement,
     * and reads its rows from that message's answers. Runs at once where statements cost no round
     * trip.
     */
    default <T> Ahead<T> ahead(Query<T> query) {
        List<T> rows = query(query);
        return () -> rows;
    }

    /** Hands each row to {@code row} as it is read, without collecting them (exports of large tables). */
    void forEach(String sql, RowConsumer row, Object... args);

    /** The first row, if any. */
    default <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** The first column of the first row as a number, 0 when there is no row (counts, RETURNING id). */
    default long number(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }
}
