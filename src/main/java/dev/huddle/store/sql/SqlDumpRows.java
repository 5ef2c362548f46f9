package dev.huddle.store.sql;

import dev.huddle.core.HuddleException;
import dev.huddle.json.Json;
import dev.huddle.store.DumpRows;
import dev.huddle.store.StoreException;
import dev.huddle.store.sql.SqlCatalog.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The store as JSON lines, in the same format, order and values from either engine, so a team's
 * state exports to the same bytes from SQLite and PostgreSQL. Tables are listed explicitly,
 * parents before children so a restore satisfies every foreign key in order; a full-text index is
 * not exported (SQLite's trigger rebuilds it, PostgreSQL's is an expression index), nor is the
 * engine's own bookkeeping (PostgreSQL's huddle_meta). Values are whole numbers, text and null,
 * so a restore writes back the same values and a second export gives the same bytes. Null values
 * are left out of a line (the JSON writer omits them) and restored as NULL.
 */
public final class SqlDumpRows implements DumpRows {

    /**
     * Every table with data, in restore order. SqliteDumpTablesTest and PostgresStoreSpecificsTest
     * check none is missing.
     */
    public static final List<String> TABLES = List.of("agents", "sessions", "stop_guards", "counters", "leases", "lease_waiters",
            "frontier_waiters", "messages", "deliveries", "events", "tasks", "task_deps", "task_remarks", "decisions", "summary_rounds",
            "summary_entries");

    /**
     * Tables left out of the export on purpose: bearer tokens stay with the store that issued them
     * (a restored store gets new ones with {@code huddle token issue}), so an export file never
     * carries anything that opens a server.
     */
    public static final List<String> NOT_EXPORTED = List.of("tokens");

    static final int FORMAT = 1;

    /**
     * The oldest schema version whose export this Huddle restores as it is: the migrations after
     * it only add indexes, so its lines name the same tables and columns (each engine's schema
     * test holds its migrations to that, IndexOnlyMigrations). A migration that changes a table raises it.
     */
    public static final int SAME_ROWS_SINCE = 6;

    private final SqlJdbc jdbc;
    private final SqlDialect dialect;
    private final Map<String, Table> tables = new HashMap<>();

    SqlDumpRows(SqlJdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

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

    private Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("huddle_export", FORMAT);
        h.put("schema", dialect.schemaVersion());
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
        dialect.catalog().restored(jdbc);
        return restored;
    }

    @Override
    public Map<String, Long> sequences() {
        return dialect.catalog().sequences(jdbc);
    }

    @Override
    public void continueSequences(Map<String, Long> last) {
        dialect.catalog().continueSequences(jdbc, last);
    }

    private void checkHeader(Map<String, Object> header) {
        Object format = header.get("huddle_export");
        Object schema = header.get("schema");
        if (!(format instanceof Number f) || f.intValue() != FORMAT) {
            throw HuddleException.failed("line 1: not a Huddle export (the first line names the format)");
        }
        // An older export whose tables are the same as this schema's restores as it is; a newer one may
        // hold columns this Huddle does not know, an older one may lack some it needs.
        if (!(schema instanceof Number s) || s.intValue() < SAME_ROWS_SINCE || s.intValue() > dialect.schemaVersion()) {
            throw HuddleException.failed("line 1: the export has schema version " + schema + ", this Huddle reads "
                    + SAME_ROWS_SINCE + " to " + dialect.schemaVersion() + ": import it with the Huddle that exported it");
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
                    // PostgreSQL's message goes on with Detail and Where lines; its first line says what failed.
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
        return tables.computeIfAbsent(name, t -> dialect.catalog().table(jdbc, t));
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(c -> "\"" + c + "\"").toList());
    }
}
