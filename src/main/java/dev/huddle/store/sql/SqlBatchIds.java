package dev.huddle.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The fencing tokens, lease ids and message ids a batch hands out itself ({@link SqlBatch}), on an
 * engine whose statements are round trips (PostgreSQL): a grant or a message whose insert returned
 * its token or id was a round trip of its own while every other writer waited. Under the writers'
 * lock nobody else takes one, so the batch reads where the fencing counter and the two id sequences
 * stand with its first statement, and then knows each next value: the insert carries it and moves
 * the counter or sequence to it in the same statement ({@link #storing}, {@link #MOVING_FENCE}), sent
 * with the next. A wrong value cannot be stored: the token is UNIQUE and the ids are primary keys, so
 * the insert fails and the batch runs its works again apart. A work undone forgets them all (the
 * counter went back with it; the sequences did not), and what the store answers when next asked
 * teaches them again. Outside a batch (a transaction of one work) nothing is read ahead: the first
 * insert asks, and the ones after it in the same transaction are handed out.
 */
final class SqlBatchIds {

    /** What a batch may hand out itself. */
    enum Kind {
        FENCE, LEASE, MESSAGE
    }

    private static final String MOVE_FENCE = "UPDATE counters SET value = ? WHERE name = 'fence'";

    /**
     * Begins a statement that stores a token {@link #take taken}: its first parameter, the token,
     * moves the counter to it (an engine with sequences lets a WITH write: {@link SqlDialect}).
     */
    static final String MOVING_FENCE = "WITH moved AS (" + MOVE_FENCE + ") ";

    private final SqlJdbc jdbc;
    /** How the sequences are read and moved; null where a batch asks the store for every id. */
    private final SqlSequences sequences;
    /** Where each stood when the batch began, read with its first statement; null once taken in or forgotten. */
    private SqlJdbc.Ahead<Long[]> standing;
    /** The last value of each kind handed out in this transaction, or null when not known. */
    private final Long[] last = new Long[Kind.values().length];

    SqlBatchIds(SqlJdbc jdbc, SqlSequences sequences) {
        this.jdbc = jdbc;
        this.sequences = sequences;
    }

    /** The transaction is a batch's, under the writers' lock: where each stands is read with the next statement. */
    void inBatch() {
        if (sequences != null) {
            standing = jdbc.ahead(new SqlJdbc.Query<>("SELECT (" + SqlTx.LAST_FENCE + "), "
                    + sequences.lastHanded("leases") + ", " + sequences.lastHanded("messages"), SqlBatchIds::standing));
        }
    }

    private static Long[] standing(ResultSet rs) throws SQLException {
        Long[] row = new Long[Kind.values().length];
        for (int i = 0; i < row.length; i++) {
            long value = rs.getLong(i + 1);
            row[i] = rs.wasNull() ? null : value;
        }
        return row;
    }

    /** Whether the next value of each of {@code kinds} is known here, without asking the store. */
    boolean knows(Kind... kinds) {
        settle();
        for (Kind k : kinds) {
            if (last[k.ordinal()] == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes the next value of {@code kind}, which {@link #knows} it knows. The statement that stores
     * it moves the counter or sequence to it: begun by {@link #MOVING_FENCE}, or written by {@link #storing}.
     */
    long take(Kind kind) {
        long next = last[kind.ordinal()] + 1;
        last[kind.ordinal()] = next;
        return next;
    }

    /** Takes the next fencing token, which {@link #knows} it knows, for a row that holds it: the counter is moved by a statement of its own. */
    long takeFence() {
        long token = take(Kind.FENCE);
        jdbc.post(MOVE_FENCE, token);
        return token;
    }

    /** {@code insert} storing an id {@link #take taken} for {@code table}, written {@code %s} in it, and moving the sequence ({@link SqlSequences#storing}). */
    String storing(String table, String insert) {
        return sequences.storing(table, insert);
    }

    /** The store handed out {@code value} of {@code kind} (an insert returned it): the next follows it. */
    void took(Kind kind, long value) {
        if (sequences != null) {
            settle();
            last[kind.ordinal()] = value;
        }
    }

    /** Takes in where each stood when the batch began, before anything this transaction took was told. */
    private void settle() {
        if (standing != null) {
            System.arraycopy(standing.rows().getFirst(), 0, last, 0, last.length);
            standing = null;
        }
    }

    /** A work was undone: what it took may be handed out again, or may not (the sequences moved on). */
    void forget() {
        standing = null;
        Arrays.fill(last, null);
    }
}
