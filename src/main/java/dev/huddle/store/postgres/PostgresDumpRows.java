package dev.huddle.store.postgres;

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
 * The store as JSON lines, in exactly the format and order of the SQLite adapter's export (same
 * tables, columns and values: whole numbers, text, null), so a team's state exports to the same
 * bytes from either store. Tables are listed parents first, so a restore satisfies every foreign
 * key in order; {@code huddle_meta} (schema version, commit counter) is this store's own and not
 * exported. After a restore the identity sequences are moved past the restored ids.
 */
final class PostgresDumpRows implements DumpRows {

    /** Every table with data, in restore order: the SQLite adapter's list. */
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

    private final PostgresJdbc jdbc;
    private final Map<String, Table> tables = new HashMap<>();

    PostgresDumpRows(PostgresJdbc jdbc) {
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
        h.put("schema", PostgresSchema.MIGRATIONS.size());
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
        resetIdentities();
        return restored;
    }

    /** Identity columns continue after the largest restored id, as SQLite's AUTOINCREMENT does after an insert. */
    private void resetIdentities() {
        for (String[] t : identities()) {
            jdbc.number("SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(\"" + t[1] + "\"), 0) + 1, false) FROM "
                    + t[0], t[0], t[1]);
        }
    }

    @Override
    public Map<String, Long> sequences() {
        Map<String, Long> last = new java.util.TreeMap<>();
        for (String[] t : identities()) {
            long handed = handed(t[0], t[1]);
            if (handed > 0) {
                last.put(t[0], handed);
            }
        }
        return last;
    }

    @Override
    public void continueSequences(Map<String, Long> last) {
        Map<String, String> columns = new HashMap<>();
        identities().forEach(t -> columns.put(t[0], t[1]));
        last.forEach((name, id) -> {
            String column = columns.get(name);
            if (column == null) {
                throw HuddleException.failed("no id sequence for table '" + name + "' in this PostgreSQL store");
            }
            jdbc.number("SELECT setval(pg_get_serial_sequence(?, ?), ? + 1, false)", name, column, Math.max(id, handed(name, column)));
        });
    }

    /** The highest id a table's sequence has handed out, or a restored row holds (restores bypass the sequence). */
    private long handed(String table, String column) {
        String sequence = jdbc.one("SELECT pg_get_serial_sequence(?, ?)", rs -> rs.getString(1), table, column).orElseThrow();
        // is_called false: last_value is the next id to hand out (as setval(…, false) leaves it).
        long handed = jdbc.number("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM " + sequence);
        return Math.max(handed, jdbc.number("SELECT coalesce(max(\"" + column + "\"), 0) FROM " + table));
    }

    /** Table and column of every identity column but tokens' issue order, which is not an id. */
    private List<String[]> identities() {
        return jdbc.query("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name <> 'tokens'""",
                rs -> new String[] {rs.getString(1), rs.getString(2)});
    }

    private void checkHeader(Map<String, Object> header) {
        Object format = header.get("huddle_export");
        Object schema = header.get("schema");
        if (!(format instanceof Number f) || f.intValue() != FORMAT) {
            throw HuddleException.failed("line 1: not a Huddle export (the first line names the format)");
        }
        if (!(schema instanceof Number s) || s.intValue() != PostgresSchema.MIGRATIONS.size()) {
            throw HuddleException.failed("line 1: the export has schema version " + schema + ", this Huddle has "
                    + PostgresSchema.MIGRATIONS.size() + ": import it with the Huddle that exported it");
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
                    + e.getCause().getMessage().lines().findFirst().orElse("").strip(), e);
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
            jdbc.forEach("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""",
                    rs -> columns.add(rs.getString(1)), t);
            jdbc.forEach("""
                    SELECT a.attname, array_position(i.indkey::int2[], a.attnum) FROM pg_index i
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                    WHERE i.indrelid = to_regclass(?) AND i.indisprimary""",
                    rs -> key.put(rs.getInt(2), rs.getString(1)), t);
            return new Table(t, List.copyOf(columns), List.copyOf(key.values()));
        });
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(c -> "\"" + c + "\"").toList());
    }
}
