package dev.huddle.store.sql;

/**
 * How a batch reads and moves a table's id sequence itself ({@link SqlBatchIds}), on an engine
 * whose sequences are objects of their own (PostgreSQL). Tables are named by the table families,
 * never by users.
 */
public interface SqlSequences {

    /** An expression: the last id {@code table}'s sequence handed out, NULL when that is not known. */
    String lastHanded(String table);

    /**
     * {@code insert} with its id's value, written {@code %s} in it, as an expression of one parameter:
     * the id, which the expression moves {@code table}'s sequence to as the row is stored, so that
     * the sequence hands out ids after it (one statement, where a move of its own would be another).
     */
    String storing(String table, String insert);
}
