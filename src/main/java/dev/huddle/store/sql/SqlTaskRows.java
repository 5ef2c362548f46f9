package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskScope;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.store.TaskRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

final class SqlTaskRows implements TaskRows {

    static final String COLUMNS = """
            t.id, t.queue, t.title, t.description, t.priority, t.status, t.assignee, t.claim_token, t.claimed_at,
            t.files, t.labels, t.parent, t.created_by, t.created_at, t.updated_at, t.due_at, t.blocked_reason,
            t.conclusion, t.version""";

    /** TaskGraph.ORDER in SQL: priority, age, then id (prefix, number). */
    private static final String ORDER = " ORDER BY t.priority, t.created_at, t.prefix, t.number";

    /**
     * The statuses of a task not yet resolved (TaskStatus.resolved), as an SQL list: named, not
     * "NOT IN ('done', 'cancelled')", so a read of the unfinished tasks is a range of tasks_status
     * and not a walk past every task ever done. Taken from the enum, so a status added there is
     * counted here.
     */
    static final String UNFINISHED = Arrays.stream(TaskStatus.values()).filter(s -> !s.resolved())
            .map(s -> "'" + s.label() + "'").collect(Collectors.joining(", ", "(", ")"));

    /** No blocker of {@code t} is unresolved. */
    static final String UNBLOCKED = " AND NOT EXISTS (SELECT 1 FROM task_deps d JOIN tasks b ON b.id = d.blocker"
            + " WHERE d.blocked = t.id AND b.status IN " + UNFINISHED + ")";

    private final SqlJdbc jdbc;

    SqlTaskRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long nextNumber(String prefix) {
        return jdbc.number("""
                INSERT INTO counters (name, value) VALUES (?, 1)
                ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value""", "task:" + prefix);
    }

    @Override
    public void insert(Task t) {
        jdbc.update("""
                INSERT INTO tasks (id, prefix, number, queue, title, description, priority, status, assignee,
                  claim_token, claimed_at, files, labels, parent, created_by, created_at, updated_at, due_at,
                  blocked_reason, conclusion, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                t.id().text(), t.id().prefix(), t.id().number(), t.queue(), t.title(), t.description(),
                t.priority().ordinal(), t.status().label(), t.assignee().map(AgentId::value),
                t.claimToken().map(FencingToken::value), t.claimedAt(), files(t.files()), String.join(",", t.labels()),
                t.parent().map(TaskId::text), t.createdBy().value(), t.createdAt(), t.updatedAt(), t.due(),
                t.blockedReason(), t.conclusion(), t.version());
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM tasks t WHERE t.id = ?", SqlTaskRows::task, id.text());
    }

    @Override
    public boolean replace(Task before, Task a) {
        return jdbc.update("""
                UPDATE tasks SET priority = ?, status = ?, assignee = ?, claim_token = ?, claimed_at = ?,
                  blocked_reason = ?, conclusion = ?, updated_at = ?, version = ?
                WHERE id = ? AND version = ?""",
                a.priority().ordinal(), a.status().label(), a.assignee().map(AgentId::value),
                a.claimToken().map(FencingToken::value), a.claimedAt(), a.blockedReason(), a.conclusion(),
                a.updatedAt(), a.version(), before.id().text(), before.version()) == 1;
    }

    /**
     * The listing. By one filter, its index (tasks_status, tasks_queue, tasks_assignee: each
     * (column, seq)) holds the tasks in order, and the walk stops at LIMIT; the value is asked as a
     * range of one, so that no planner takes the column as fixed and seq's order as the same: under
     * "=" PostgreSQL's generic plan walked the primary key (seq) testing every task, cheap on paper
     * as the walk stops at LIMIT, and read every task ever created whenever fewer than LIMIT
     * matched. By several, the tasks come from one filter's index and are sorted ("+t.seq" is no
     * column, so no index gives that order). Sorted by one filter too, `task list --status done`
     * read every done task to show twenty.
     */
    @Override
    public List<Task> list(TaskFilter f) {
        Map<String, String> filters = new LinkedHashMap<>();
        f.status().ifPresent(s -> filters.put("t.status", s.label()));
        f.queue().ifPresent(q -> filters.put("t.queue", q));
        f.assignee().ifPresent(a -> filters.put("t.assignee", a.value()));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tasks t WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filters.size() == 1) {
            var only = filters.entrySet().iterator().next();
            sql.append(" AND %1$s >= ? AND %1$s <= ? ORDER BY %1$s, t.seq".formatted(only.getKey()));
            args.addAll(List.of(only.getValue(), only.getValue()));
        } else {
            filters.forEach((column, value) -> {
                sql.append(" AND ").append(column).append(" = ?");
                args.add(value);
            });
            sql.append(filters.isEmpty() ? " ORDER BY t.seq" : " ORDER BY +t.seq");
        }
        sql.append(" LIMIT ?");
        args.add(f.limit());
        return jdbc.query(sql.toString(), SqlTaskRows::task, args.toArray());
    }

    @Override
    public List<Task> ready(TaskScope scope, int limit) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM tasks t WHERE t.status = 'open' AND t.assignee IS NULL"
                + scope(scope, args) + UNBLOCKED + ORDER + " LIMIT ?";
        args.add(limit);
        return jdbc.query(sql, SqlTaskRows::task, args.toArray());
    }

    @Override
    public List<Task> reclaimable(TaskScope scope, Instant offlineBefore, int limit) {
        List<Object> args = new ArrayList<>(List.of(offlineBefore));
        String sql = "SELECT " + COLUMNS + " FROM tasks t WHERE t.status = 'claimed' AND t.assignee IN"
                + " (SELECT a.id FROM agents a WHERE a.left_at IS NOT NULL OR a.last_seen <= ?)"
                + scope(scope, args) + UNBLOCKED + ORDER + " LIMIT ?";
        args.add(limit);
        return jdbc.query(sql, SqlTaskRows::task, args.toArray());
    }

    private static String scope(TaskScope scope, List<Object> args) {
        if (scope.only().isPresent()) {
            args.add(scope.only().get());
            return " AND t.queue = ?";
        }
        if (scope.excluded().isEmpty()) {
            return "";
        }
        args.addAll(scope.excluded());
        return " AND t.queue NOT IN (" + String.join(", ", scope.excluded().stream().map(q -> "?").toList()) + ")";
    }

    @Override
    public List<Task> heldBy(AgentId agent) {
        return jdbc.query("SELECT " + COLUMNS + " FROM tasks t WHERE t.assignee = ? AND t.status IN ('claimed', 'blocked')"
                + " ORDER BY t.seq", SqlTaskRows::task, agent.value());
    }

    @Override
    public List<Count> counts() {
        return jdbc.query("SELECT queue, status, count(*) FROM tasks GROUP BY queue, status ORDER BY queue, status",
                rs -> new Count(rs.getString(1), TaskStatus.parse(rs.getString(2)), rs.getLong(3)));
    }

    @Override
    public List<Task> overdue(Instant now, Optional<String> queue) {
        return jdbc.query("SELECT " + COLUMNS + " FROM tasks t"
                + " WHERE t.due_at IS NOT NULL AND t.due_at < ? AND t.status IN " + UNFINISHED
                + " AND (CAST(? AS TEXT) IS NULL OR t.queue = ?) ORDER BY t.due_at, t.prefix, t.number",
                SqlTaskRows::task, now, queue, queue);
    }

    @Override
    public List<Task> blocked() {
        return jdbc.query("SELECT " + COLUMNS + " FROM tasks t WHERE t.status = 'blocked' ORDER BY t.seq",
                SqlTaskRows::task);
    }

    @Override
    public void addRemark(Remark r) {
        jdbc.update("INSERT INTO task_remarks (task, author, at, kind, text) VALUES (?, ?, ?, ?, ?)",
                r.task().text(), r.author().value(), r.at(), r.kind().label(), r.text());
    }

    @Override
    public List<Remark> remarks(TaskId task) {
        return jdbc.query("SELECT task, author, at, kind, text FROM task_remarks WHERE task = ? ORDER BY id",
                rs -> new Remark(TaskId.parse(rs.getString("task")), SqlParsed.agent(rs.getString("author")),
                        SqlValues.instant(rs, "at"), Remark.Kind.parse(rs.getString("kind")), rs.getString("text")),
                task.text());
    }

    private static String files(List<Resource> files) {
        return files.stream().map(Resource::text).collect(Collectors.joining("\n"));
    }

    static Task task(ResultSet rs) throws SQLException {
        String files = rs.getString("files");
        String labels = rs.getString("labels");
        long token = rs.getLong("claim_token");
        Optional<FencingToken> claimToken = rs.wasNull() ? Optional.empty() : Optional.of(new FencingToken(token));
        return new Task(TaskId.parse(rs.getString("id")), rs.getString("queue"), rs.getString("title"),
                SqlValues.optionalText(rs, "description"), Priority.ofRank(rs.getInt("priority")),
                TaskStatus.parse(rs.getString("status")), SqlValues.optionalText(rs, "assignee").map(AgentId::new),
                claimToken, files.isEmpty() ? List.of() : Arrays.stream(files.split("\n")).map(SqlParsed::resource).toList(),
                labels.isEmpty() ? List.of() : List.of(labels.split(",")),
                SqlValues.optionalText(rs, "parent").map(TaskId::parse), SqlParsed.agent(rs.getString("created_by")),
                SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"), SqlValues.optionalInstant(rs, "claimed_at"),
                SqlValues.optionalInstant(rs, "due_at"), SqlValues.optionalText(rs, "blocked_reason"),
                SqlValues.optionalText(rs, "conclusion"), rs.getLong("version"));
    }
}
