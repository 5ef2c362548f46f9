package dev.huddle.store;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole store as lines of text, for {@code export --jsonl} and {@code import} (DESIGN §4.7,
 * §9). The first line names the format and schema version; then every row of every table, one
 * JSON object per line, tables in a fixed order and rows by primary key, so the same content
 * always gives the same bytes, and an export restored into an empty store exports identically.
 */
public interface DumpRows {

    /** Writes every line of the export, in order. */
    void export(Consumer<String> line);

    /**
     * Rows per table that a new store does not have (counters and the {@code store.init} event do
     * not count); empty for an empty store. Only an empty store may be restored into.
     */
    Map<String, Long> contents();

    /**
     * Restores lines written by {@link #export} into this empty store, replacing its counters and
     * its {@code store.init} event. A malformed line, another schema version or a row the schema
     * refuses fails naming the line number. Returns rows restored per table.
     */
    Map<String, Long> restore(Iterator<String> lines);

    /**
     * The highest id each table's id sequence has handed out, by table: at least the largest id
     * present, more when the newest rows were deleted. The export does not carry it; a store moved
     * with {@code huddle migrate} continues from it, so no id is ever handed out twice.
     */
    Map<String, Long> sequences();

    /**
     * Moves each named table's id sequence so that the next id is above the given one (never
     * backwards). An unknown table fails.
     */
    void continueSequences(Map<String, Long> last);
}
