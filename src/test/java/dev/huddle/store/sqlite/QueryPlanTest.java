package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.testing.MutableClock;
import dev.huddle.testing.RandomCommands;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
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
 * of every statement prepared; a full scan of a growing table fails unless listed below with
 * its reason. The seed is printed; {@code -Dhuddle.queryplan.seed=N} replays one.
 */
class QueryPlanTest {

    /** Tables whose rows accumulate as the team works (kept until gc, or for good). */
    private static final List<String> GROWING = List.of("leases", "events", "messages", "deliveries", "tasks",
            "task_remarks", "task_deps", "decisions", "lease_waiters", "tokens", "frontier_waiters", "summaries",
            "summary_entries", "sessions");

    /**
     * Statements that read a whole growing table on purpose, each bounded by what it is for: a
     * listing whose LIMIT stops the walk, a table that holds one row per something small, or a
     * command that must see everything (gc, export, migrate).
     */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("FROM leases ORDER BY id DESC LIMIT", "history listing: walks back from the newest, stops at LIMIT"),
            Map.entry("FROM leases WHERE holder = ? ORDER BY id DESC LIMIT",
                    "one holder's history (locks --all --holder): walks back from the newest; gc keeps a week"),
            Map.entry("ORDER BY stamp DESC, agent DESC NULLS LAST, seq DESC LIMIT",
                    "log in causal order: walks events_causal back from the newest, stops at LIMIT"),
            Map.entry("DELETE FROM leases WHERE (released_at IS NOT NULL", "gc's purge looks at every ended lease"),
            Map.entry("SELECT count(*) FROM messages", "status shows how many messages are kept: one count"),
            Map.entry("FROM tasks GROUP BY queue, status", "queues counts every task per queue, on its covering index"),
            Map.entry("FROM task_deps ORDER BY blocked, blocker", "the dependency graph is read whole: one row per edge"),
            Map.entry("FROM lease_waiters", "a waiter leaves the line when granted or giving up; gc removes lapsed ones"),
            Map.entry("FROM frontier_waiters", "a waiter leaves when woken or past its deadline"),
            Map.entry("FROM tokens", "one row per token issued: a handful per team"),
            Map.entry("FROM sessions", "one row per agent session"));

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
            List<AgentId> agents = new ArrayList<>();
            for (String id : List.of("a0", "a1", "a2", "a3")) {
                AgentId agent = AgentId.of(id);
                c.agents().register(agent, new AgentProfile(Optional.empty(), List.of(Role.of("dev")), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
                agents.add(agent);
            }
            RandomCommands commands = new RandomCommands(random, dir);
            for (int step = 0; step < 400; step++) {
                clock.advance(Duration.ofSeconds(random.nextInt(60)));
                AgentId me = agents.get(random.nextInt(agents.size()));
                commands.run(c, me, agents);
                if (step % 50 == 0) {
                    reads(c, me);
                }
            }
            reads(c, agents.getFirst());

            List<String> scans = new ArrayList<>();
            try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                for (String sql : store.preparedTexts()) {
                    for (String table : scannedTables(plain, sql)) {
                        if (GROWING.contains(table) && ALLOWED.keySet().stream().noneMatch(sql::contains)) {
                            scans.add(table + ": " + sql.replaceAll("\\s+", " "));
                        }
                    }
                }
            }
            assertThat(store.preparedTexts()).as("seed %d: the run prepared the statements of many use cases", seed)
                    .hasSizeGreaterThan(60);
            assertThat(scans).as("seed %d: statements that walk a whole growing table", seed).isEmpty();
        }
    }

    private static void reads(Coordinator c, AgentId me) {
        c.overview().status(Optional.of(me));
        c.leases().locks(false, Optional.empty());
        c.leases().locks(true, Optional.of(me));
        c.leases().check(Optional.of(me), List.of("src/a.py", "src/**"));
        c.messages().inbox(me, false);
        c.board().ready(Optional.empty(), 20);
        c.board().tasks(TaskFilter.all(50));
        c.board().blocked();
        c.events().log(EventFilter.after(0, 50));
        c.agents().agents(true);
        c.agents().whoami(me);
    }

    private static final Pattern SCAN = Pattern.compile("^SCAN (\\w+)");

    /** The tables the plan of {@code sql} reads in full (SQLite's "SCAN t", not "SEARCH t USING ..."). */
    private static List<String> scannedTables(Connection plain, String sql) throws SQLException {
        String head = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        if (!(head.startsWith("SELECT") || head.startsWith("UPDATE") || head.startsWith("DELETE") || head.startsWith("WITH")
                || head.startsWith("INSERT"))) {
            return List.of();
        }
        Map<Integer, String> details = new TreeMap<>();
        try (Statement s = plain.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                details.put(rs.getInt(1), rs.getString(4));
            }
        }
        List<String> tables = new ArrayList<>();
        for (String detail : details.values()) {
            Matcher m = SCAN.matcher(detail);
            if (m.find()) {
                tables.add(m.group(1));
            }
        }
        return tables;
    }
}
