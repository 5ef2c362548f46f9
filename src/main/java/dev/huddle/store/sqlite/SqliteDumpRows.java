package dev.huddle.store.sqlite;

import dev.huddle.core.HuddleException;
import dev.huddle.json.Json;
import dev.huddle.store.DumpRows;
import dev.huddle.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The store as JSON lines. Tables are listed explicitly, parents before children so a restore
 * satisfies every foreign key in order; the full-text index is not exported, its trigger rebuilds
 * it. Values are what SQLite holds (integers, text, null), so a restore writes back the same
 * values and a second export gives the same bytes. Null values are left out of a line (the JSON
 * writer omits them) and restored as NULL.
 */
final class SqliteDumpRows implements DumpRows {

    /** Every table with data, in restore order. SqliteDumpTablesTest checks none is missing. */
    static final List<String> TABLES = List.of("agents", "sessions", "stop_guards", "counters", "leases", "lease_waiters",
            "frontier_waiters", "messages", "deliveries", "events", "tasks", "task_deps", "task_remarks", "decisions", "summary_rounds",
            "summary_entries");

    /**
     * Tables left out of the export on purpose: bearer tokens stay with the store that issued them
     * (a restored store gets new ones with {@code huddle token issue}), so an export file never
     * carries anything that opens a server.
     */
    static final List<String> NOT_EXPORTED = List.of("tokens");

    static final int FORMAT = 1;

    private final Jdbc jdbc;
    private final Map<String, Table> tables = new HashMap<>();

    SqliteDumpRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A table's columns in declaration order and its primary key columns in key order. */
    private record Table(String name, List<String> columns, List<String> key) {}

    @Override
    public void export(Consumer<String> line) {
        line.accept(Json.write(header()));
        for (String name : TABLES) {
            Table table = table(name);
            String sql = "SELECT " + quoted(table.columns()) + " FROM " + name + " ORDER BY " + quoted(table.key());
            jdbc.forEach(sql, rs -> {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < table.columns().size(); i++) {
                    Object v = rs.getObject(i + 1);
                    row.put(table.columns().get(i), v instanceof Integer n ? Long.valueOf(n) : v);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("table", name);
                out.put("row", row);
                line.accept(Json.write(out));
            });
        }
    }

    private static Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("huddle_export", FORMAT);
        h.put("schema", SqliteSchema.MIGRATIONS.size());
        return h;
    }

    @Override
    public Map<String, Long> contents() {
        Map<String, Long> found = new LinkedHashMap<>();
        for (String name : TABLES) {
            long n = switch (name) {
                case "counters" -> 0;
                case "events" -> jdbc.number("SELECT count(*) FROM events WHERE kind <> 'store.init'");
                default -> jdbc.number("SELECT count(*) FROM " + name);
            };
            if (n > 0) {
                found.put(name, n);
            }
        }
        return found;
    }

    @Override
    public Map<String, Long> restore(Iterator<String> lines) {
        if (!lines.hasNext()) {
            throw HuddleException.failed("the export is empty: its first line names the format");
        }
        checkHeader(parse(lines.next(), 1));
        // A new store holds the fencing counter and perhaps its store.init event; the export has its own.
        jdbc.update("DELETE FROM events");
        jdbc.update("DELETE FROM counters");
        Map<String, Long> restored = new LinkedHashMap<>();
        for (int n = 2; lines.hasNext(); n++) {
            String text = lines.next();
            if (!text.isBlank()) {
                String table = insert(parse(text, n), n);
                restored.merge(table, 1L, Long::sum);
            }
        }
        return restored;
    }

    @Override
    public Map<String, Long> sequences() {
        Map<String, Long> last = new java.util.TreeMap<>();
        jdbc.forEach("SELECT name, seq FROM sqlite_sequence WHERE seq > 0", rs -> last.put(rs.getString(1), rs.getLong(2)));
        return last;
    }

    @Override
    public void continueSequences(Map<String, Long> last) {
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

    private void checkHeader(Map<String, Object> header) {
        Object format = header.get("huddle_export");
        Object schema = header.get("schema");
        if (!(format instanceof Number f) || f.intValue() != FORMAT) {
            throw HuddleException.failed("line 1: not a Huddle export (the first line names the format)");
        }
        if (!(schema instanceof Number s) || s.intValue() != SqliteSchema.MIGRATIONS.size()) {
            throw HuddleException.failed("line 1: the export has schema version " + schema + ", this Huddle has "
                    + SqliteSchema.MIGRATIONS.size() + ": import it with the Huddle that exported it");
        }
    }

    private String insert(Map<String, Object> line, int n) {
        Object name = line.get("table");
        if (!(name instanceof String t) || !TABLES.contains(t) || !(line.get("row") instanceof Map<?, ?> row)) {
            throw HuddleException.failed("line " + n + ": expected {\"table\": NAME, \"row\": {...}} with a known table");
        }
        Table table = table(t);
        for (Object column : row.keySet()) {
            if (!table.columns().contains(String.valueOf(column))) {
                throw HuddleException.failed("line " + n + ": table " + t + " has no column '" + column + "'");
            }
        }
        // Every column is written: one the line leaves out is NULL, as the export omits nulls.
        List<String> columns = table.columns();
        List<Object> values = new ArrayList<>();
        for (String column : columns) {
            values.add(value(row.get(column), n, column));
        }
        try {
            jdbc.update("INSERT INTO " + t + " (" + quoted(columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")", values.toArray());
        } catch (StoreException.Failure e) {
            throw new HuddleException(HuddleException.Kind.FAILED, "line " + n + " (" + t + "): "
                    + e.getCause().getMessage(), e);
        }
        return t;
    }

    private static Object value(Object v, int n, Object column) {
        if (v == null || v instanceof String) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw HuddleException.failed("line " + n + ": column '" + column + "' holds " + v
                + "; an export holds only whole numbers, text and null");
    }

    private static Map<String, Object> parse(String text, int n) {
        try {
            return Json.readObject(text);
        } catch (IllegalArgumentException e) {
            throw HuddleException.failed("line " + n + ": " + e.getMessage());
        }
    }

    private Table table(String name) {
        return tables.computeIfAbsent(name, t -> {
            List<String> columns = new ArrayList<>();
            Map<Integer, String> key = new java.util.TreeMap<>();
            jdbc.forEach("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", rs -> {
                columns.add(rs.getString(1));
                if (rs.getInt(2) > 0) {
                    key.put(rs.getInt(2), rs.getString(1));
                }
            }, t);
            return new Table(t, List.copyOf(columns), key.isEmpty() ? List.of("rowid") : List.copyOf(key.values()));
        });
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(c -> "\"" + c + "\"").toList());
    }
}
