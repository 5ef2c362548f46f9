package dev.huddle.store.postgres;

import dev.huddle.store.sql.SqlDialect;
import dev.huddle.store.sql.SqlSearch;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What PostgreSQL says its own way; the table families' SQL is otherwise the SQLite adapter's too. */
final class PostgresDialect {

    /** Tokens keep their issue order in the identity column issued, as SQLite's rowid does. */
    static final SqlDialect POSTGRES = new SqlDialect(PostgresSchema.MIGRATIONS.size(), "issued", PostgresDialect::search,
            new PostgresCatalog(), true, new PostgresSequences());

    /** The searched text; the same expression as the index messages_search, so the index is used. */
    private static final String DOCUMENT = "to_tsvector('simple', coalesce(m.subject, '') || ' ' || m.body)";

    private PostgresDialect() {}

    /**
     * Every word of the query must occur (as a phrase of its tokens, e.g. {@code subject:parser} is
     * "subject parser"), case folded, no stemming: the 'simple' configuration, matching SQLite's
     * unicode61 tokenizer. Each word is its own parameter to phraseto_tsquery, so no user text is
     * ever read as tsquery syntax; a query with no words matches nothing.
     */
    static Optional<SqlSearch.Clause> search(String query) {
        List<Object> words = Arrays.stream(query.trim().split("\\s+")).filter(w -> !w.isEmpty()).map(w -> (Object) w).toList();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String tsquery = String.join(" && ", words.stream().map(w -> "phraseto_tsquery('simple', ?)").toList());
        return Optional.of(new SqlSearch.Clause(" FROM messages m, (SELECT " + tsquery + " AS q) w"
                + " WHERE numnode(w.q) > 0 AND " + DOCUMENT + " @@ w.q ORDER BY ts_rank(" + DOCUMENT + ", w.q) DESC, m.id",
                words));
    }
}
