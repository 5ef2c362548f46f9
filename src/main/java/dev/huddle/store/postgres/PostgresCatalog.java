package dev.huddle.store.postgres;

import dev.huddle.core.HuddleException;
import dev.huddle.store.sql.SqlCatalog;
import dev.huddle.store.sql.SqlJdbc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Table shapes from information_schema and pg_index; id sequences are the identity columns' sequences. */
final class PostgresCatalog implements SqlCatalog {

    @Override
    public Table table(SqlJdbc jdbc, String name) {
        List<String> columns = new ArrayList<>();
        Map<Integer, String> key = new TreeMap<>();
        jdbc.forEach("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""",
                rs -> columns.add(rs.getString(1)), name);
        jdbc.forEach("""
                SELECT a.attname, array_position(i.indkey::int2[], a.attnum) FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = to_regclass(?) AND i.indisprimary""",
                rs -> key.put(rs.getInt(2), rs.getString(1)), name);
        return new Table(name, List.copyOf(columns), List.copyOf(key.values()));
    }

    @Override
    public Map<String, Long> sequences(SqlJdbc jdbc) {
        Map<String, Long> last = new TreeMap<>();
        for (String[] t : identities(jdbc)) {
            long handed = handed(jdbc, t[0], t[1]);
            if (handed > 0) {
                last.put(t[0], handed);
            }
        }
        return last;
    }

    @Override
    public void continueSequences(SqlJdbc jdbc, Map<String, Long> last) {
        Map<String, String> columns = new HashMap<>();
        identities(jdbc).forEach(t -> columns.put(t[0], t[1]));
        last.forEach((name, id) -> {
            String column = columns.get(name);
            if (column == null) {
                throw HuddleException.failed("no id sequence for table '" + name + "' in this PostgreSQL store");
            }
            jdbc.number("SELECT setval(pg_get_serial_sequence(?, ?), ? + 1, false)", name, column,
                    Math.max(id, handed(jdbc, name, column)));
        });
    }

    /** Identity columns continue after the largest restored id, as SQLite's AUTOINCREMENT does after an insert. */
    @Override
    public void restored(SqlJdbc jdbc) {
        for (String[] t : identities(jdbc)) {
            jdbc.number("SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(\"" + t[1] + "\"), 0) + 1, false) FROM "
                    + t[0], t[0], t[1]);
        }
    }

    /** The highest id a table's sequence has handed out, or a restored row holds (restores bypass the sequence). */
    private static long handed(SqlJdbc jdbc, String table, String column) {
        String sequence = jdbc.one("SELECT pg_get_serial_sequence(?, ?)", rs -> rs.getString(1), table, column).orElseThrow();
        // is_called false: last_value is the next id to hand out (as setval(…, false) leaves it).
        long handed = jdbc.number("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM " + sequence);
        return Math.max(handed, jdbc.number("SELECT coalesce(max(\"" + column + "\"), 0) FROM " + table));
    }

    /** Table and column of every identity column but tokens' issue order, which is not an id. */
    private static List<String[]> identities(SqlJdbc jdbc) {
        return jdbc.query("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name <> 'tokens'""",
                rs -> new String[] {rs.getString(1), rs.getString(2)});
    }
}
