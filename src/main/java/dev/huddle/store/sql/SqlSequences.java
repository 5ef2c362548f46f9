package dev.huddle.store.sql;

/**
 * How a batch reads and moves a table's id sequence itself ({@link SqlBatchIds}), on an engine
 * whose sequences are objects of their own (PostgreSQL). Tables are named by the table families,
 * never by users.
 */
public interface SqlSequences {

    /** An expression: the last id {@code table}'s sequence handed out, NULL when that is not known. */
    String lastHanded(String table);

    /** A statement of one parameter: {@code table}'s sequence has handed out ids up to it. */
    String handedUpTo(String table);
}
