package dev.huddle.store.sqlite;

import dev.huddle.store.sql.SqlDialect;
import dev.huddle.store.sql.SqlSearch;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What SQLite says its own way; the table families' SQL is otherwise the PostgreSQL adapter's too. */
final class SqliteDialect {

    /** Tokens have no issue column: the rowid of a rowid table counts up as tokens are issued. */
    static final SqlDialect SQLITE = new SqlDialect(SqliteSchema.MIGRATIONS.size(), "rowid", SqliteDialect::search,
            new SqliteCatalog(), false, null);

    private SqliteDialect() {}

    /**
     * The FTS5 index messages_fts, best rank first. Each word becomes a quoted FTS5 string, so user
     * text can never be read as FTS5 syntax; a query with no words is the empty string, which
     * matches nothing.
     */
    static Optional<SqlSearch.Clause> search(String query) {
        return Optional.of(new SqlSearch.Clause("""
                 FROM messages_fts f JOIN messages m ON m.id = f.rowid
                WHERE messages_fts MATCH ? ORDER BY f.rank""", List.of(ftsQuery(query))));
    }

    static String ftsQuery(String query) {
        return Arrays.stream(query.trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .map(w -> "\"" + w.replace("\"", "\"\"") + "\"")
                .reduce((a, b) -> a + " " + b)
                .orElse("\"\"");
    }
}
