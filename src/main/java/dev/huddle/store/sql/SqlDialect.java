package dev.huddle.store.sql;

/**
 * What the table families' SQL cannot say the same way on every engine; everything else is one
 * statement for all. Each adapter holds one constant of it.
 *
 * @param schemaVersion the schema version an export names and a restore requires
 * @param tokenOrder    the expression that lists bearer tokens in the order they were issued
 * @param search        how messages are found by their words (each engine's full-text index)
 * @param catalog       what the export and restore learn from the engine's own catalog
 * @param writesInWith  whether a statement's WITH may hold a write whose result the statement uses
 *                      (PostgreSQL): a lease's fencing token is then taken by the insert itself,
 *                      one statement less per grant where each is a round trip's work
 * @param sequences     how a batch reads and moves the id sequences to hand out ids itself
 *                      ({@link SqlBatchIds}), or null where it asks the store for each (SQLite,
 *                      whose statements cost no round trip)
 */
public record SqlDialect(int schemaVersion, String tokenOrder, SqlSearch search, SqlCatalog catalog,
                         boolean writesInWith, SqlSequences sequences) {

    public SqlDialect {
        // A batch's grant moves the fencing counter in its insert's WITH (SqlBatchIds.MOVING_FENCE).
        if (sequences != null && !writesInWith) {
            throw new IllegalArgumentException("an engine whose batches hand out ids must let a WITH write");
        }
    }
}
