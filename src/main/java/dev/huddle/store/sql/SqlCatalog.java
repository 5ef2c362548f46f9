package dev.huddle.store.sql;

import java.util.List;
import java.util.Map;

/**
 * What export and restore need from an engine's own catalog: the shape of a table and the id
 * sequences. Each engine keeps these its own way (SQLite: pragma_table_info and sqlite_sequence;
 * PostgreSQL: information_schema and identity sequences).
 */
public interface SqlCatalog {

    /**
     * A table's columns in declaration order and its key columns in key order: its primary key, or
     * what the engine orders a table without one by.
     */
    record Table(String name, List<String> columns, List<String> key) {}

    Table table(SqlJdbc jdbc, String name);

    /** The last id each table's sequence has handed out, by table name, for tables that handed one out. */
    Map<String, Long> sequences(SqlJdbc jdbc);

    /** Sequences hand out ids after {@code last} (table name to id): none is handed out twice. */
    void continueSequences(SqlJdbc jdbc, Map<String, Long> last);

    /** After a restore that wrote rows with their own ids: new ids continue after the largest. */
    void restored(SqlJdbc jdbc);
}
