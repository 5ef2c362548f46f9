package dev.huddle.store.postgres;

import dev.huddle.store.sql.SqlSequences;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A table's identity column's sequence, found by {@code pg_get_serial_sequence} in the store's schema. */
final class PostgresSequences implements SqlSequences {

    private final Map<String, String> stored = new ConcurrentHashMap<>();

    @Override
    public String lastHanded(String table) {
        return "pg_sequence_last_value(pg_get_serial_sequence('" + table + "', 'id')::regclass)";
    }

    @Override
    public String storing(String table, String insert) {
        // Built once: the statement text is the key of pgjdbc's prepared statements, and this runs per insert.
        return stored.computeIfAbsent(insert, i -> i.formatted("setval(pg_get_serial_sequence('" + table + "', 'id'), ?)"));
    }
}
