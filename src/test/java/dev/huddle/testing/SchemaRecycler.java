package dev.huddle.testing;

import dev.huddle.store.postgres.PostgresStore;
import dev.huddle.store.postgres.PostgresUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Schemas of finished tests, emptied back to what a newly migrated store holds, for the next test
 * to take instead of a new one. Migrating an empty schema is ~100 DDL statements (0.3–0.4 s on
 * these machines, most of a PostgreSQL store-contract test's time); emptying one is a statement
 * of deletes, the seed rows copied back and the identity sequences restarted (~10 ms).
 *
 * <p>What a fresh store holds is read from a pristine schema, migrated by a real {@link PostgresStore}
 * and never written by a test, so a new migration's seed rows need no change here. A schema that
 * cannot be emptied within the lock timeout (a test left a transaction open on it) is not taken
 * again; it goes with the database.
 */
final class SchemaRecycler {

    private static final String PRISTINE = "pristine";

    private final Function<String, PostgresUrl> schema;
    private final Duration lockWait;
    private final Deque<String> free = new ArrayDeque<>();
    /** The tables of a migrated store; empty until the pristine schema is made. */
    private List<String> tables = List.of();
    /** Those of them the migrations put rows in. */
    private final List<String> seeded = new ArrayList<>();

    /**
     * Recycles schemas of one database; {@code schema} creates (if need be) and reaches a schema by
     * name; emptying one waits up to {@code lockWait} for its tables.
     */
    SchemaRecycler(Function<String, PostgresUrl> schema, Duration lockWait) {
        this.schema = schema;
        this.lockWait = lockWait;
    }

    /** An emptied schema to use again, if a finished test left one. */
    Optional<String> take() {
        return Optional.ofNullable(free.poll());
    }

    /** Forgets every schema and the pristine one: their database is dropped (a later one starts anew). */
    void forget() {
        free.clear();
        tables = List.of();
        seeded.clear();
    }

    /** Empties {@code name} to a fresh store's rows and keeps it for {@link #take}; one that cannot be is dropped from use. */
    void give(String name) {
        PostgresUrl url = schema.apply(name);
        try (Connection c = PostgresDatabases.connect(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            if (tables.isEmpty()) {
                makePristine(s);
            }
            if (!tablesOf(s, name).equals(tables)) {
                return; // a test that made the schema but never opened a store on it: nothing to empty
            }
            s.execute("SET LOCAL lock_timeout = " + lockWait.toMillis());
            s.execute(emptying(name));
            c.commit();
            free.push(name);
        } catch (SQLException e) {
            // left as it is, unused; the database is dropped with its schemas when the class is done
        }
    }

    /** Migrates the pristine schema with a real store and learns its tables, and which hold rows. */
    private void makePristine(Statement s) throws SQLException {
        try (PostgresStore pristine = new PostgresStore(schema.apply(PRISTINE))) {
            pristine.read(tx -> null); // connects, and so migrates the empty schema
        }
        tables = tablesOf(s, PRISTINE);
        for (String table : tables) {
            if (!names(s, "SELECT 1 FROM " + PRISTINE + "." + table + " LIMIT 1").isEmpty()) {
                seeded.add(table);
            }
        }
    }

    private static List<String> tablesOf(Statement s, String schema) throws SQLException {
        return names(s, "SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' ORDER BY tablename");
    }

    /**
     * One statement deletes every table's rows (foreign keys are checked at its end, when the rows
     * that referred are gone too), then the migrations' rows are copied back from the pristine
     * schema and every sequence of the schema starts again.
     */
    private String emptying(String name) {
        List<String> parts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            deletes.add("d" + i + " AS (DELETE FROM " + name + "." + tables.get(i) + ")");
        }
        parts.add("WITH " + String.join(", ", deletes) + " SELECT 1");
        for (String table : seeded) {
            parts.add("INSERT INTO " + name + "." + table + " OVERRIDING SYSTEM VALUE SELECT * FROM " + PRISTINE + "." + table);
        }
        parts.add("SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value, false)"
                + " FROM pg_sequences WHERE schemaname = '" + name + "'");
        return String.join(";\n", parts);
    }

    private static List<String> names(Statement s, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
