package dev.huddle.store.sql;

import java.util.List;
import java.util.Optional;

/** How an engine finds messages by their words, through its own full-text index. */
@FunctionalInterface
public interface SqlSearch {

    /**
     * The rest of a query after {@code SELECT <message columns>}: a FROM that includes
     * {@code messages m}, its WHERE and its ORDER BY, best match first, without a LIMIT; and its
     * parameters. Empty when {@code query} can match nothing. No user text may be read as the
     * index's query syntax.
     */
    Optional<Clause> clause(String query);

    /** SQL and the parameters it binds, in order. */
    record Clause(String sql, List<Object> args) {}
}
