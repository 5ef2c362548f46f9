package dev.huddle.store.sqlite;

import dev.huddle.core.HuddleException;
import dev.huddle.store.sql.SqlCatalog;
import dev.huddle.store.sql.SqlJdbc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Table shapes from pragma_table_info; id sequences in sqlite_sequence (AUTOINCREMENT tables). */
final class SqliteCatalog implements SqlCatalog {

    @Override
    public Table table(SqlJdbc jdbc, String name) {
        List<String> columns = new ArrayList<>();
        Map<Integer, String> key = new TreeMap<>();
        jdbc.forEach("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", rs -> {
            columns.add(rs.getString(1));
            if (rs.getInt(2) > 0) {
                key.put(rs.getInt(2), rs.getString(1));
            }
        }, name);
        return new Table(name, List.copyOf(columns), key.isEmpty() ? List.of("rowid") : List.copyOf(key.values()));
    }

    @Override
    public Map<String, Long> sequences(SqlJdbc jdbc) {
        Map<String, Long> last = new TreeMap<>();
        jdbc.forEach("SELECT name, seq FROM sqlite_sequence WHERE seq > 0", rs -> last.put(rs.getString(1), rs.getLong(2)));
        return last;
    }

    @Override
    public void continueSequences(SqlJdbc jdbc, Map<String, Long> last) {
        last.forEach((name, id) -> {
            if (jdbc.number("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ? AND sql LIKE '%AUTOINCREMENT%'",
                    name) == 0) {
                throw HuddleException.failed("no id sequence for table '" + name + "' in this SQLite store");
            }
            // sqlite_sequence holds a row per AUTOINCREMENT table once it has handed out an id.
            if (jdbc.update("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", id, name) == 0) {
                jdbc.update("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", name, id);
            }
        });
    }

    /** Nothing to do: an insert with its own id moves sqlite_sequence past it. */
    @Override
    public void restored(SqlJdbc jdbc) {
    }
}
