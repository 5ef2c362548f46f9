package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.testing.GrowingTables;
import dev.huddle.testing.MutableClock;
import dev.huddle.testing.PlanWorkload;
import dev.huddle.testing.RandomCommands;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No statement the use cases run walks a whole table that grows with use. Leases, events,
 * messages, deliveries, tasks and the rest keep their history until {@code gc}, so a statement
 * that scans one gets slower with every command ever run: the live-leases read of every lock,
 * unlock and check once did, in id order, instead of using the open leases' index (found by
 * counting SQL time in {@code huddle serve} under load). This runs every command that writes
 * (RandomCommands, seeded) and the common reads on a real store, then asks SQLite for the plan
 * of every statement prepared; a full scan of a growing table fails unless allowed with its
 * reason ({@link GrowingTables}, shared with PostgresGenericPlanTest), and so does a statement cut
 * by a LIMIT that sorts every row its search finds in a growing table first (a temporary B-tree
 * for its ORDER BY), unless its range stays small ({@link GrowingTables#SORTED}). The seed is printed;
 * {@code -Dhuddle.queryplan.seed=N} replays one.
 */
class QueryPlanTest {

    @TempDir
    Path dir;

    @Test
    void noStatementOfTheUseCases_scansAGrowingTable() throws SQLException {
        String replay = System.getProperty("huddle.queryplan.seed");
        long seed = replay != null ? Long.parseLong(replay) : new Random().nextLong();
        System.out.println("QueryPlanTest seed " + seed + " (replay: -Dhuddle.queryplan.seed=" + seed + ")");
        Random random = new Random(seed);
        MutableClock clock = MutableClock.atNoon();
        Path db = dir.resolve(".huddle/huddle.db");
        try (SqliteStore store = new SqliteStore(db)) {
            Coordinator c = new LocalCoordinator(new Context(store, Settings.DEFAULTS, clock, new Workspace(dir, dir),
                    clock::advance, false));
            PlanWorkload.run(c, random, clock, dir);

            List<String> scans = new ArrayList<>();
            List<String> sorts = new ArrayList<>();
            try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                Schema schema = Schema.of(plain);
                for (String sql : store.preparedTexts()) {
                    Plan plan = Plan.of(plain, schema, sql);
                    for (String table : plan.scanned()) {
                        if (GrowingTables.unbounded(table, sql)) {
                            scans.add(table + ": " + sql.replaceAll("\\s+", " "));
                        }
                    }
                    for (String table : plan.sortedUnderLimit(sql)) {
                        if (GrowingTables.sortedUnbounded(table, sql)) {
                            sorts.add(table + ": " + sql.replaceAll("\\s+", " "));
                        }
                    }
                }
            }
            assertThat(store.preparedTexts()).as("seed %d: the run prepared the statements of many use cases", seed)
                    .hasSizeGreaterThan(60);
            assertThat(scans).as("seed %d: statements that walk a whole growing table", seed).isEmpty();
            assertThat(sorts).as("seed %d: listings that sort every row of their range to show the first few", seed)
                    .isEmpty();
        }
    }

    private static final Pattern SCAN = Pattern.compile("^SCAN (\\w+)(?: USING (?:COVERING )?INDEX (\\w+))?");

    /**
     * A name followed by another in the statement's text: a table and its alias ({@code FROM tasks t},
     * {@code JOIN tasks AS b}) when the first is a table of the schema and the second no keyword.
     */
    private static final Pattern NAMED = Pattern.compile("\\b(\\w+)\\s+(?:AS\\s+)?(\\w+)\\b", Pattern.CASE_INSENSITIVE);

    /** Words that may follow a table's name in FROM, JOIN, UPDATE or DELETE and are no alias. */
    private static final Set<String> KEYWORDS = Set.of("WHERE", "SET", "ON", "USING", "JOIN", "LEFT", "INNER", "CROSS",
            "NATURAL", "FULL", "RIGHT", "OUTER", "ORDER", "GROUP", "HAVING", "LIMIT", "WINDOW", "UNION", "EXCEPT",
            "INTERSECT", "VALUES", "SELECT", "DEFAULT", "RETURNING", "INDEXED", "NOT", "AS", "DO");

    /** The schema's tables, and its partial indexes (their predicate bounds a walk of them). */
    private record Schema(Set<String> tables, Set<String> partial) {

        static Schema of(Connection plain) throws SQLException {
            return new Schema(names(plain, "SELECT name FROM sqlite_schema WHERE type = 'table'"), names(plain, """
                    SELECT i.name FROM sqlite_schema t, pragma_index_list(t.name) i
                    WHERE t.type = 'table' AND i.partial"""));
        }

        private static Set<String> names(Connection plain, String sql) throws SQLException {
            Set<String> names = new HashSet<>();
            try (Statement s = plain.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    /** One line of SQLite's plan: the id of the line it is under, and what it says. */
    private record Step(int parent, String detail) {}

    /** SQLite's plan of one statement: its steps, and the tables each alias in it may stand for. */
    private record Plan(List<Step> steps, Map<String, Set<String>> aliases, Set<String> partial) {

        static Plan of(Connection plain, Schema schema, String sql) throws SQLException {
            String head = sql.stripLeading().toUpperCase(Locale.ROOT);
            if (!(head.startsWith("SELECT") || head.startsWith("UPDATE") || head.startsWith("DELETE")
                    || head.startsWith("WITH") || head.startsWith("INSERT"))) {
                return new Plan(List.of(), Map.of(), Set.of());
            }
            List<Step> steps = new ArrayList<>();
            try (Statement s = plain.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                while (rs.next()) {
                    steps.add(new Step(rs.getInt(2), rs.getString(4)));
                }
            }
            return new Plan(steps, QueryPlanTest.aliases(schema, sql), schema.partial());
        }

        /**
         * The tables read in full: SQLite's "SCAN t", "SCAN t USING INDEX i" (the whole index in
         * its order), not "SEARCH t USING ..." nor a scan of a partial index, which its predicate
         * bounds (as PostgresGenericPlanTest counts it). The plan names a table by its alias, so
         * the alias is taken back to the table.
         */
        List<String> scanned() {
            List<String> tables = new ArrayList<>();
            for (Step step : steps) {
                Matcher m = SCAN.matcher(step.detail());
                if (m.find() && (m.group(2) == null || !partial.contains(m.group(2)))) {
                    tables.addAll(tables(m.group(1)));
                }
            }
            return tables;
        }

        /**
         * The tables read, by a scan or a search, in a query whose rows SQLite sorts in a temporary
         * B-tree, in a statement cut by a LIMIT: every row the search finds is read and sorted
         * before the first few are kept. A table counts when read by the sorting query itself (its
         * step beside the sort's): the sort of a subquery's few rows (a CTE's, read with a LIMIT of
         * its own) is no finding.
         */
        List<String> sortedUnderLimit(String sql) {
            if (!LIMIT.matcher(sql).find()) {
                return List.of();
            }
            List<String> tables = new ArrayList<>();
            for (Step sort : steps) {
                if (!SORT.matcher(sort.detail()).find()) {
                    continue;
                }
                for (Step step : steps) {
                    Matcher m = READ.matcher(step.detail());
                    if (step.parent() == sort.parent() && m.find()) {
                        tables.addAll(tables(m.group(1)));
                    }
                }
            }
            return tables;
        }

        private Set<String> tables(String named) {
            return aliases.getOrDefault(named, Set.of(named));
        }
    }

    private static final Pattern READ = Pattern.compile("^(?:SCAN|SEARCH) (\\w+)");
    private static final Pattern SORT = Pattern.compile("^USE TEMP B-TREE FOR (?:.* )?ORDER BY");
    private static final Pattern LIMIT = Pattern.compile("\\bLIMIT\\b", Pattern.CASE_INSENSITIVE);

    /**
     * The tables each alias of {@code sql} may stand for. SQLite's plan names a table by its alias
     * ({@code SCAN t} for {@code FROM tasks t}), and one alias may name different tables in a
     * statement's subqueries ({@code t} and {@code b} are both tasks in the blocked view; {@code d}
     * is task_deps or deliveries elsewhere): a scan under an alias counts for every table it names.
     */
    private static Map<String, Set<String>> aliases(Schema schema, String sql) {
        Map<String, Set<String>> aliases = new HashMap<>();
        Matcher m = NAMED.matcher(sql);
        for (int from = 0; m.find(from); from = m.end(1)) {
            String table = m.group(1);
            String alias = m.group(2);
            if (schema.tables().contains(table) && !schema.tables().contains(alias)
                    && !KEYWORDS.contains(alias.toUpperCase(Locale.ROOT))) {
                aliases.computeIfAbsent(alias, a -> new TreeSet<>()).add(table);
            }
        }
        return aliases;
    }
}
