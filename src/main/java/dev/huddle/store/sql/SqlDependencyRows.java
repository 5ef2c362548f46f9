package dev.huddle.store.sql;

import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.DependencyRows;
import java.util.List;

final class SqlDependencyRows implements DependencyRows {

    private static final String EDGE = "SELECT blocker, blocked FROM task_deps";

    /**
     * The edges between two unfinished tasks: the unfinished ones found by tasks_status (the
     * statuses named, so the read is a range of it), never by a walk past every task done.
     */
    private static final String UNRESOLVED = """
            SELECT d.blocker, d.blocked FROM task_deps d
            JOIN tasks b ON b.id = d.blocker JOIN tasks t ON t.id = d.blocked
            WHERE b.status IN %1$s AND t.status IN %1$s
            ORDER BY d.blocked, d.blocker""".formatted(SqlTaskRows.UNFINISHED);

    private final SqlJdbc jdbc;

    SqlDependencyRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(Dependency d) {
        return jdbc.update("INSERT INTO task_deps (blocker, blocked) VALUES (?, ?) ON CONFLICT DO NOTHING",
                d.blocker().text(), d.blocked().text()) == 1;
    }

    @Override
    public boolean remove(Dependency d) {
        return jdbc.update("DELETE FROM task_deps WHERE blocker = ? AND blocked = ?",
                d.blocker().text(), d.blocked().text()) == 1;
    }

    @Override
    public List<Task> blockersOf(TaskId task) {
        return jdbc.query("SELECT " + SqlTaskRows.COLUMNS + """
                 FROM task_deps d JOIN tasks t ON t.id = d.blocker WHERE d.blocked = ?
                ORDER BY t.prefix, t.number""", SqlTaskRows::task, task.text());
    }

    @Override
    public List<Task> dependentsOf(TaskId task) {
        return jdbc.query("SELECT " + SqlTaskRows.COLUMNS + """
                 FROM task_deps d JOIN tasks t ON t.id = d.blocked WHERE d.blocker = ?
                ORDER BY t.prefix, t.number""", SqlTaskRows::task, task.text());
    }

    @Override
    public List<Dependency> all() {
        return jdbc.query(EDGE + " ORDER BY blocked, blocker", SqlDependencyRows::edge);
    }

    @Override
    public List<Dependency> unresolved() {
        return jdbc.query(UNRESOLVED, SqlDependencyRows::edge);
    }

    private static Dependency edge(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Dependency(TaskId.parse(rs.getString("blocker")), TaskId.parse(rs.getString("blocked")));
    }
}
