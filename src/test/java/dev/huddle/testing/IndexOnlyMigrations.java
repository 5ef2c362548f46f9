package dev.huddle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.store.sql.SqlDumpRows;
import java.util.List;

/**
 * Exports from {@link SqlDumpRows#SAME_ROWS_SINCE} on are restored as they are, so no later
 * migration of either engine may change a table: each engine's schema test holds its list to it.
 */
public final class IndexOnlyMigrations {

    private IndexOnlyMigrations() {}

    /** Fails unless every statement of the migrations after {@code SAME_ROWS_SINCE} creates or drops an index. */
    public static void check(List<String> migrations) {
        List<String> later = migrations.subList(SqlDumpRows.SAME_ROWS_SINCE, migrations.size());
        assertThat(later).isNotEmpty();
        for (String migration : later) {
            for (String statement : migration.split(";\n")) {
                if (!statement.isBlank()) {
                    assertThat(statement.strip()).as("a migration after schema %d changes more than an index: raise "
                            + "SqlDumpRows.SAME_ROWS_SINCE", SqlDumpRows.SAME_ROWS_SINCE).matches("(?s)(CREATE (UNIQUE )?|DROP )INDEX .*");
                }
            }
        }
    }
}
