package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.testing.GrowingTables;
import dev.huddle.testing.MutableClock;
import dev.huddle.testing.PlanWorkload;
import dev.huddle.testing.PostgresDatabases;
import dev.huddle.testing.RandomCommands;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGStatement;

/**
 * QueryPlanTest's question asked of PostgreSQL's generic plans. pgjdbc server-prepares a statement
 * after five runs, and PostgreSQL then often plans it once for any parameters: a statement that
 * SQLite, and a plan made for the values at hand, run on an index can get a generic plan that
 * walks a whole table. The causal sift's count of the events from a stamp on did (a LIMIT over a
 * range of unknown bound, costed as a heap walk stopping early; the rows asked for are the newest,
 * at the end of the heap), so every lock, unlock and send read every event ever kept. This runs
 * the same commands (RandomCommands, seeded) and reads on a store whose connection prepares every
 * statement on first use, fills the growing tables to a week-old team's size, then asks for the
 * generic plan of every statement the session prepared. A Seq Scan of a growing table fails, and
 * so does an index walked end to end (no condition on its leading column: in its order under a
 * LIMIT that a filter may never let stop, or every entry looked at), and so does a scan that
 * finds a key's rows not yet ended by looking at its ended ones too (a filter on an end mark,
 * {@link GrowingTables#ENDS}, over an index not bounded to the open rows), unless the statement is
 * allowed with its reason ({@link GrowingTables}). A Sort of a growing table's rows under a Limit
 * fails too (every row of the range read and sorted to keep a few) unless its range stays small
 * ({@link GrowingTables#SORTED}). The seed is printed; {@code -Dhuddle.pgplan.seed=N} replays one.
 */
class PostgresGenericPlanTest {

    @RegisterExtension
    static final PostgresDatabases databases = PostgresDatabases.perClass();

    @TempDir
    Path dir;

    @Test
    void noStatementOfTheUseCases_hasAGenericPlanScanningAGrowingTable() {
        String replay = System.getProperty("huddle.pgplan.seed");
        long seed = replay != null ? Long.parseLong(replay) : new Random().nextLong();
        System.out.println("PostgresGenericPlanTest seed " + seed + " (replay: -Dhuddle.pgplan.seed=" + seed + ")");
        Random random = new Random(seed);
        MutableClock clock = MutableClock.atNoon();
        try (PostgresStore store = new PostgresStore(preparingEverything(databases.url()))) {
            Coordinator c = new LocalCoordinator(new Context(store, Settings.DEFAULTS, clock, new Workspace(dir, dir),
                    clock::advance, false));
            PlanWorkload.run(c, random, clock, dir);

            // After the commands, so what they read and wrote is their own; a generic plan is made for
            // the statistics of the moment it is asked for, after the ANALYZE.
            store.onConnection(conn -> {
                weekOfHistory(conn, clock.instant().toEpochMilli());
                return null;
            });
            Map<String, List<String>> plans = store.onConnection(PostgresGenericPlanTest::genericPlans);
            Map<String, Index> indexes = store.onConnection(PostgresGenericPlanTest::indexes);
            List<String> walks = new ArrayList<>();
            List<String> sorts = new ArrayList<>();
            plans.forEach((sql, plan) -> {
                List<String> whole = wholeReads(plan, indexes).stream()
                        .filter(read -> GrowingTables.unbounded(read.table(), sql)).map(Read::toString).distinct()
                        .toList();
                finding(whole, sql, plan).ifPresent(walks::add);
                finding(sortedUnderLimit(plan).stream().filter(table -> GrowingTables.sortedUnbounded(table, sql))
                        .distinct().toList(), sql, plan).ifPresent(sorts::add);
            });
            assertThat(plans).as("seed %d: the run prepared the statements of many use cases", seed).hasSizeGreaterThan(60);
            assertThat(walks).as("seed %d: statements whose generic plan walks a whole growing table", seed).isEmpty();
            assertThat(sorts).as("seed %d: listings whose generic plan sorts every row of their range to keep the first"
                    + " few", seed).isEmpty();
        }
    }

    /** The same database, every statement server-prepared on its first run, and none let go again. */
    private static PostgresUrl preparingEverything(PostgresUrl url) {
        Properties p = new Properties();
        p.putAll(url.properties());
        p.setProperty("prepareThreshold", "1");
        p.setProperty("preparedStatementCacheQueries", "100000");
        p.setProperty("preparedStatementCacheSizeMiB", "256");
        return new PostgresUrl(url.jdbcUrl(), p);
    }

    /** A team's week: 16 agents come and gone, and the history they leave until gc, then ANALYZE. */
    private static final String WEEK = """
            INSERT INTO agents (id, roles, program, registered_at, last_seen, left_at)
              SELECT 'w' || g, 'dev', 'claude', :t0 + g * 60000, :now - 86400000, :now - 86400000
              FROM generate_series(1, 16) g;
            INSERT INTO leases (resource, holder, mode, token, reason, task, granted_at, expires_at, released_at,
                released_by, release_reason, noticed_at)
              SELECT 'src/m' || (g % 300) || '/f' || (g % 7) || '.py', :agent,
                CASE WHEN g % 5 = 0 THEN 'shared' ELSE 'exclusive' END, 1000000000 + g, 'work',
                CASE WHEN g % 3 = 0 THEN 'WK-' || (1 + g % 3000) END, :t0 + g * 30000, :t0 + g * 30000 + 1800000,
                CASE WHEN g % 8 <> 0 THEN :t0 + g * 30000 + 600000 END, CASE WHEN g % 8 <> 0 THEN :agent END,
                CASE WHEN g % 50 = 0 THEN 'stuck' END, CASE WHEN g % 8 = 0 THEN :t0 + g * 30000 + 1800000 END
              FROM generate_series(1, 20000) g;
            INSERT INTO events (stamp, agent, wall, kind, task, path, data)
              SELECT (SELECT coalesce(max(stamp), 0) FROM events) + g, CASE WHEN g % 40 <> 0 THEN :agent END,
                :t0 + g * 30000, (ARRAY['lease.grant', 'lease.release', 'message.send', 'file.edit', 'task.claim',
                  'agent.heartbeat', 'task.done', 'message.read'])[1 + g % 8],
                CASE WHEN g % 8 IN (4, 6) THEN 'WK-' || (1 + g % 3000) END,
                CASE WHEN g % 8 IN (0, 1, 3) THEN 'src/m' || (g % 300) || '/f' || (g % 7) || '.py' END, '{}'
              FROM generate_series(1, 20000) g;
            INSERT INTO messages (sender, stamp, sent_at, subject, body, importance, ack_required, thread, reply_to,
                recipients)
              SELECT :agent, 1000000 + g, :t0 + g * 120000, CASE WHEN g % 4 = 0 THEN 'status' END,
                'message ' || g || ' about src/m' || (g % 300), 'normal', g % 2,
                CASE WHEN g % 10 = 0 THEN 'thread-' || (g / 10) END, NULL, 'all'
              FROM generate_series(1, 5000) g;
            INSERT INTO deliveries (recipient, message_id, delivered_at, read_at, acked_at)
              SELECT 'w' || (1 + (m.id + r) % 16), m.id, m.sent_at + 1000, m.sent_at + 60000,
                CASE WHEN m.ack_required = 1 THEN m.sent_at + 90000 END
              FROM messages m, generate_series(0, 2) r WHERE m.stamp > 1000000;
            INSERT INTO tasks (id, prefix, number, queue, title, description, priority, status, assignee, claim_token,
                claimed_at, files, labels, parent, created_by, created_at, updated_at, due_at, blocked_reason,
                conclusion, version)
              SELECT 'WK-' || g, 'WK', g, CASE WHEN g % 10 = 0 THEN 'review' ELSE 'default' END, 'task ' || g, NULL,
                g % 4, status, CASE WHEN status IN ('claimed', 'blocked', 'done') THEN :agent END,
                CASE WHEN status IN ('claimed', 'blocked', 'done') THEN 1000000000 + g END,
                CASE WHEN status IN ('claimed', 'blocked', 'done') THEN :t0 + g * 200000 END, '', '', NULL, :agent,
                :t0 + g * 200000, :t0 + g * 200000 + 3600000, NULL, CASE WHEN status = 'blocked' THEN 'waiting' END,
                CASE WHEN status = 'done' THEN 'ok' END, 3
              FROM (SELECT g, CASE WHEN g % 200 < 4 THEN 'open' WHEN g % 200 = 4 THEN 'claimed'
                  WHEN g % 200 = 5 THEN 'blocked' WHEN g % 200 < 16 THEN 'cancelled' ELSE 'done' END AS status
                FROM generate_series(1, 3000) g) week;
            INSERT INTO task_deps (blocker, blocked)
              SELECT 'WK-' || g, 'WK-' || (g + 1 + g % 5) FROM generate_series(1, 2000) g;
            INSERT INTO task_remarks (task, author, at, kind, text)
              SELECT 'WK-' || (1 + g % 3000), :agent, :t0 + g * 100000, 'amend', 'more' FROM generate_series(1, 6000) g;
            INSERT INTO decisions (author, stamp, at, text, task)
              SELECT :agent, 2000000 + g, :t0 + g * 600000, 'decided ' || g, CASE WHEN g % 2 = 0 THEN 'WK-' || g END
              FROM generate_series(1, 1000) g;
            INSERT INTO summary_rounds (started_by, started_at, agents, collected_at)
              SELECT :agent, :t0 + g * 2000000, 'w1,w2,w3,w4', :t0 + g * 2000000 + 600000
              FROM generate_series(1, 300) g;
            INSERT INTO summary_entries (round, author, at, text)
              SELECT s.id, 'w' || w, s.started_at + 60000, 'did things'
              FROM summary_rounds s, generate_series(1, 4) w WHERE s.agents = 'w1,w2,w3,w4';
            INSERT INTO sessions (session_id, agent_id, program, created_at)
              SELECT 'week-' || g, :agent, 'claude', :t0 + g * 300000 FROM generate_series(1, 2000) g;
            ANALYZE""";

    /**
     * Fills the growing tables as a week of a team's work would (the sizes a planner sees in a
     * store in use: on a table of one page a generic plan picks a Seq Scan even for a key lookup,
     * a false alarm), every row within the schema's keys and constraints. At most 20,000 rows a
     * table: ANALYZE then reads them all, so the statistics, and the plans, do not vary by run.
     */
    private static void weekOfHistory(Connection conn, long now) throws SQLException {
        long t0 = now - Duration.ofDays(7).toMillis();
        String agent = "(CASE WHEN g % 5 = 0 THEN 'a' || (g / 5 % 4) ELSE 'w' || (1 + g % 16) END)";
        String sql = WEEK.replace(":agent", agent).replace(":t0", Long.toString(t0))
                .replace(":now", Long.toString(now));
        try (Statement s = unprepared(conn)) {
            for (String one : sql.split(";\\s*\\n")) {
                s.execute(one);
            }
        }
    }

    /**
     * The generic plan of every statement the session prepared, by its text ({@code ?} for its
     * parameters, spaces folded): with {@code plan_cache_mode = force_generic_plan}, EXPLAIN
     * EXECUTE plans for any parameters, and so the values given (NULLs) do not matter.
     *
     * <p>Listed and explained in one statement, on the server: pgjdbc closes a server-prepared
     * statement whose query object the garbage collector took (with a threshold of 1, every plain
     * {@code Statement}'s, each a query of its own: a COMMIT, a migration's step) before the next
     * statement it sends, so a list read first and explained statement by statement could name
     * one closed in between ("prepared statement S_12 does not exist", as on CI once).
     */
    private static Map<String, List<String>> genericPlans(Connection conn) throws SQLException {
        Map<String, List<String>> byName = new java.util.LinkedHashMap<>();
        Map<String, String> texts = new TreeMap<>();
        try (Statement s = unprepared(conn)) {
            s.execute(GENERIC_PLANS);
            try (ResultSet rs = s.executeQuery("SELECT name, statement, line FROM pg_temp.huddle_generic_plans()")) {
                while (rs.next()) {
                    byName.computeIfAbsent(rs.getString(1), n -> new ArrayList<>()).add(rs.getString(3));
                    texts.putIfAbsent(rs.getString(1), rs.getString(2));
                }
            } finally {
                s.execute("DROP FUNCTION pg_temp.huddle_generic_plans()");
            }
        }
        Map<String, List<String>> plans = new TreeMap<>();
        byName.forEach((name, plan) -> {
            String sql = texts.get(name).strip().replaceAll("\\$\\d+", "?").replaceAll("\\s+", " ");
            plans.putIfAbsent(sql, plan);
        });
        return plans;
    }

    /** Every prepared statement that reads or writes rows, its generic plan line by line, in order. */
    private static final String GENERIC_PLANS = """
            CREATE FUNCTION pg_temp.huddle_generic_plans() RETURNS TABLE (name text, statement text, line text)
            LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
            DECLARE p record; r record;
            BEGIN
              FOR p IN SELECT s.name AS name, s.statement AS sql, 'EXPLAIN EXECUTE ' || quote_ident(s.name)
                  || coalesce('(' || (SELECT string_agg(format('NULL::%s', t), ', ' ORDER BY n)
                    FROM unnest(s.parameter_types) WITH ORDINALITY u(t, n)) || ')', '') AS explain
                FROM pg_prepared_statements s
                WHERE s.statement ~* '^\\s*(SELECT|UPDATE|DELETE|INSERT|WITH)\\M' ORDER BY s.name LOOP
                FOR r IN EXECUTE p.explain LOOP
                  name := p.name; statement := p.sql; line := r."QUERY PLAN"; RETURN NEXT;
                END LOOP;
              END LOOP;
            END $$""";

    /** A statement of the test's own, run as sent: it leaves nothing among the session's prepared statements. */
    private static Statement unprepared(Connection conn) throws SQLException {
        Statement s = conn.createStatement();
        s.unwrap(PGStatement.class).setPrepareThreshold(0);
        return s;
    }

    /**
     * A B-tree index of the schema on columns (expression and GIN indexes are left out: looked up
     * by what they index, never walked): its table, whether partial (its predicate bounds any walk
     * of it), its leading column.
     */
    private record Index(String table, boolean partial, String leading, boolean unique, int columns) {}

    private static Map<String, Index> indexes(Connection conn) throws SQLException {
        Map<String, Index> indexes = new TreeMap<>();
        try (Statement s = unprepared(conn); ResultSet rs = s.executeQuery("""
                SELECT c.relname, t.relname, i.indpred IS NOT NULL, a.attname, i.indisunique, i.indnkeyatts
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                JOIN pg_am am ON am.oid = c.relam AND am.amname = 'btree'
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]""")) {
            while (rs.next()) {
                indexes.put(rs.getString(1), new Index(rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getBoolean(5), rs.getInt(6)));
            }
        }
        return indexes;
    }

    /** A table a plan reads whole, and how: a Seq Scan, or an index walked end to end. */
    private record Read(String table, String how) {
        @Override
        public String toString() {
            return table + " (" + how + ")";
        }
    }

    private static final Pattern SCAN = Pattern.compile(
            "Seq Scan on (\\w+)|Index (?:Only )?Scan(?: Backward)? using (\\w+) on |Bitmap Index Scan on (\\w+)");

    /**
     * The tables {@code plan} reads whole: a Seq Scan (parallel or not), or a scan of a full index
     * whose condition leaves its leading column free (none at all: the index is walked in its
     * order, as far as a LIMIT above it lets; a later column only: every entry is looked at), or
     * one that finds a key's rows not yet ended by filtering out its ended ones (every delivery a
     * recipient ever read, to find the unread: the inbox after every send did until migration 8).
     * A partial index is bounded by its predicate, and so never read whole here.
     */
    private static List<Read> wholeReads(List<String> plan, Map<String, Index> indexes) {
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Matcher m = SCAN.matcher(plan.get(i));
            if (!m.find()) {
                continue;
            }
            if (m.group(1) != null) {
                reads.add(new Read(m.group(1), "Seq Scan"));
                continue;
            }
            String name = m.group(2) != null ? m.group(2) : m.group(3);
            Index index = indexes.get(name);
            if (index == null || index.partial()) {
                continue;
            }
            String cond = line(plan, i, "Index Cond:");
            // A bitmap's filter is its heap scan's, the node the index scan sits under.
            String filter = line(plan, m.group(3) != null ? parent(plan, i) : i, "Filter:");
            if (cond == null) {
                reads.add(new Read(index.table(), "walks " + name + ", no Index Cond"));
            } else if (!Pattern.compile("(?<![\\w.])" + Pattern.quote(index.leading()) + "(?!\\w)").matcher(cond).find()) {
                reads.add(new Read(index.table(), "every entry of " + name + ": " + cond));
            } else if (filter != null && ENDED.matcher(filter).find() && !onePerKey(index, cond)) {
                reads.add(new Read(index.table(), "every ended row of the key in " + name + ": " + cond + " " + filter));
            }
        }
        return reads;
    }

    private static final Pattern SORT_NODE = Pattern.compile("^(?:->\\s+)?Sort\\s+\\(");
    private static final Pattern LIMIT_NODE = Pattern.compile("^(?:->\\s+)?Limit\\s+\\(");
    private static final Pattern TABLE_READ = Pattern.compile(
            "(?:Seq Scan|Index (?:Only )?Scan(?: Backward)?|Bitmap Heap Scan)(?: using \\w+)? on (\\w+)");

    /**
     * The tables read under a Sort that a Limit above it cuts: every row its scans find is read and
     * sorted before the first few are kept (a top-N sort of an index range that grows with the
     * history), where an index in the wanted order would stop at the limit.
     */
    private static List<String> sortedUnderLimit(List<String> plan) {
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (!SORT_NODE.matcher(plan.get(i).strip()).find() || !underLimit(plan, i)) {
                continue;
            }
            int indent = indent(plan.get(i));
            for (int j = i + 1; j < plan.size() && indent(plan.get(j)) > indent; j++) {
                Matcher m = TABLE_READ.matcher(plan.get(j));
                if (m.find()) {
                    tables.add(m.group(1));
                }
            }
        }
        return tables;
    }

    /** Whether a Limit node is above the node on line {@code node}. */
    private static boolean underLimit(List<String> plan, int node) {
        for (int i = node; i > 0; ) {
            i = parent(plan, i);
            if (LIMIT_NODE.matcher(plan.get(i).strip()).find()) {
                return true;
            }
        }
        return false;
    }

    /** What the test reports of a statement whose plan reads {@code tables} so: none when none. */
    private static Optional<String> finding(List<String> tables, String sql, List<String> plan) {
        return tables.isEmpty() ? Optional.empty()
                : Optional.of(String.join(", ", tables) + ": " + sql + "\n    " + String.join("\n    ", plan));
    }

    /** Whether {@code cond} fixes every column of a unique index with "=": the scan meets one row at most. */
    private static boolean onePerKey(Index index, String cond) {
        return index.unique() && EQUALS.matcher(cond).results().count() >= index.columns();
    }

    private static final Pattern EQUALS = Pattern.compile("\\w+ = ");

    /** The line of the node that the node on line {@code node} is a child of (the root when none). */
    private static int parent(List<String> plan, int node) {
        int indent = indent(plan.get(node));
        for (int i = node - 1; i > 0; i--) {
            if (indent(plan.get(i)) < indent && (plan.get(i).strip().startsWith("->"))) {
                return i;
            }
        }
        return 0;
    }

    /** A Filter keeping the rows whose end mark is unset ({@link GrowingTables#ENDS}). */
    private static final Pattern ENDED = Pattern.compile(
            "\\((?:\\w+\\.)?(?:" + String.join("|", GrowingTables.ENDS) + ") IS NULL\\)");

    /**
     * The line of the plan node on line {@code node} that starts with {@code label} ("Index
     * Cond:", "Filter:"), or null: its lines are the ones indented under it.
     */
    private static String line(List<String> plan, int node, String label) {
        int indent = indent(plan.get(node));
        for (int i = node + 1; i < plan.size(); i++) {
            String line = plan.get(i);
            String text = line.strip();
            if (indent(line) <= indent || text.startsWith("->")) {
                return null;
            }
            if (text.startsWith(label)) {
                return text;
            }
        }
        return null;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }
}
