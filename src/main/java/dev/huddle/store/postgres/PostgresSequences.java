package dev.huddle.store.postgres;

import dev.huddle.store.sql.SqlSequences;

/** A table's identity column's sequence, found by {@code pg_get_serial_sequence} in the store's schema. */
final class PostgresSequences implements SqlSequences {

    @Override
    public String lastHanded(String table) {
        return "pg_sequence_last_value(pg_get_serial_sequence('" + table + "', 'id')::regclass)";
    }

    @Override
    public String handedUpTo(String table) {
        return "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), ?)";
    }
}
