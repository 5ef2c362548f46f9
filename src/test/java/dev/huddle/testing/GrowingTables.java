package dev.huddle.testing;

import java.util.List;
import java.util.Map;

/**
 * The tables that grow with use, and the statements allowed to read one whole, shared by the
 * plan checks of both stores (QueryPlanTest for SQLite's plans, PostgresGenericPlanTest for
 * PostgreSQL's generic ones), so a statement allowed in one is allowed, for the same reason, in
 * the other.
 */
public final class GrowingTables {

    /** Tables whose rows accumulate as the team works (kept until gc, or for good). */
    public static final List<String> GROWING = List.of("leases", "events", "messages", "deliveries", "tasks",
            "task_remarks", "task_deps", "decisions", "lease_waiters", "tokens", "frontier_waiters", "summaries",
            "summary_entries", "sessions");

    /**
     * Columns that end a row's life when set (a delivery read, a lease released or told of, a
     * frontier waiter woken): rows with them set pile up, so a read that keeps those still NULL
     * must find them on an index bounded to them (a partial index), not by looking at every
     * ended row of a key too.
     */
    public static final List<String> ENDS = List.of("read_at", "delivered_at", "acked_at", "released_at", "noticed_at",
            "safe_at", "revoked_at");

    /**
     * Statements that read a whole growing table on purpose, each bounded by what it is for: a
     * listing whose LIMIT stops the walk, a table that holds one row per something small, or a
     * command that must see everything (gc, export, migrate). A statement is allowed when its
     * text contains a key.
     */
    public static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("FROM leases ORDER BY id DESC LIMIT", "history listing: walks back from the newest, stops at LIMIT"),
            Map.entry("FROM decisions ORDER BY id DESC LIMIT",
                    "the decisions listing: walks back from the newest, stops at LIMIT"),
            Map.entry("FROM leases WHERE holder = ? ORDER BY id DESC LIMIT",
                    "one holder's history (locks --all --holder): walks back from the newest; gc keeps a week"),
            Map.entry("ORDER BY stamp DESC, agent DESC NULLS LAST, seq DESC LIMIT",
                    "log in causal order: walks events_causal back from the newest, stops at LIMIT"),
            Map.entry("DELETE FROM leases WHERE (released_at IS NOT NULL", "gc's purge looks at every ended lease"),
            Map.entry("SELECT count(*) FROM messages", "status shows how many messages are kept: one count"),
            Map.entry("FROM tasks t WHERE 1 = 1 ORDER BY t.seq LIMIT",
                    "the task listing with no filter: walks tasks in id order, stops at LIMIT"),
            Map.entry("FROM tasks GROUP BY queue, status", "queues counts every task per queue, on its covering index"),
            Map.entry("FROM task_deps ORDER BY blocked, blocker", "the dependency graph is read whole: one row per edge"),
            Map.entry("FROM lease_waiters", "a waiter leaves the line when granted or giving up; gc removes lapsed ones"),
            Map.entry("FROM frontier_waiters", "a waiter leaves when woken or past its deadline"),
            Map.entry("FROM tokens", "one row per token issued: a handful per team"),
            Map.entry("FROM sessions", "one row per agent session"));

    /** A growing table a statement may read whole, and why. */
    public record Read(String table, String reason) {}

    /**
     * Statements that read one growing table whole on purpose, keyed as ALLOWED, and only that
     * table: a whole read of another table they name is still a finding.
     */
    public static final Map<String, Read> ALLOWED_READS = Map.ofEntries(
            Map.entry("FROM task_deps d JOIN tasks b ON b.id = d.blocker JOIN tasks t ON t.id = d.blocked",
                    new Read("task_deps", "the blocked view's edges: the dependency graph, one row per edge (read"
                            + " whole on every dependency added); PostgreSQL hashes it against the unfinished"
                            + " tasks, read by tasks_status, for as long as that costs less than a lookup by"
                            + " task_deps_blocker per unfinished task")));

    private static final String TWO_FILTERS = "task list by two or three of --status, --queue, --assignee: one filter's"
            + " index range (a status's, a queue's, an agent's tasks) read and sorted; by one, its index is walked in"
            + " order and stops at LIMIT";

    /**
     * Statements cut by a LIMIT that may sort every row of their range first (the range read from
     * an index by its condition, then sorted, then cut): allowed, keyed as ALLOWED, where the range
     * stays small whatever the history, or where sorting is what the statement is for. Any other is
     * a finding: its cost grows with the rows of its range ever kept, as `task list --status done` read
     * and sorted every done task to show twenty.
     */
    public static final Map<String, String> SORTED = Map.ofEntries(
            Map.entry("FROM decisions WHERE task = ? ORDER BY id DESC LIMIT",
                    "one task's decisions (decisions --task): the few recorded against it"),
            Map.entry("ORDER BY ts_rank(", "search ranks every match by relevance: the sort is what it is for"),
            Map.entry("WHERE t.status = 'open' AND t.assignee IS NULL AND NOT EXISTS",
                    "the ready tasks: open and unassigned, the backlog of the moment, not the history"),
            Map.entry("WHERE t.status = 'claimed' AND t.assignee IN",
                    "the reclaimable tasks: claimed by agents gone, work in hand, not the history"),
            Map.entry("= ? AND t.queue = ? ORDER BY +t.seq LIMIT", TWO_FILTERS),
            Map.entry("= ? AND t.assignee = ? ORDER BY +t.seq LIMIT", TWO_FILTERS));

    /** Whether {@code sql}, a LIMIT over a sort of a growing table's rows, is a finding. */
    public static boolean sortedUnbounded(String table, String sql) {
        return unbounded(table, sql) && SORTED.keySet().stream().noneMatch(sql::contains);
    }

    private GrowingTables() {}

    /**
     * Whether {@code sql} reading {@code table} whole is a finding: the table grows, no key of
     * ALLOWED is in {@code sql}, nor one of ALLOWED_READS allowing {@code table}.
     */
    public static boolean unbounded(String table, String sql) {
        return GROWING.contains(table) && ALLOWED.keySet().stream().noneMatch(sql::contains)
                && ALLOWED_READS.entrySet().stream()
                        .noneMatch(e -> e.getValue().table().equals(table) && sql.contains(e.getKey()));
    }
}
