package dev.huddle.store.sql;

import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.DecisionRows;
import java.util.List;
import java.util.Optional;

final class SqlDecisionRows implements DecisionRows {

    private final SqlJdbc jdbc;

    SqlDecisionRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Decision insert(Decision d) {
        long id = jdbc.number("INSERT INTO decisions (author, stamp, at, text, task) VALUES (?, ?, ?, ?, ?) RETURNING id",
                d.author().value(), d.stamp().value(), d.at(), d.text(), d.task().map(TaskId::text));
        return new Decision(id, d.author(), d.stamp(), d.at(), d.text(), d.task());
    }

    @Override
    public List<Decision> list(Optional<TaskId> task, int limit) {
        // Two texts, not "(? IS NULL OR task = ?)": a plan made for either value of that switch reads
        // one task's decisions by walking every decision back from the newest.
        String latest = task.isPresent()
                ? "SELECT id, author, stamp, at, text, task FROM decisions WHERE task = ? ORDER BY id DESC LIMIT ?"
                : "SELECT id, author, stamp, at, text, task FROM decisions ORDER BY id DESC LIMIT ?";
        Object[] args = task.isPresent() ? new Object[] {task.get().text(), limit} : new Object[] {limit};
        return jdbc.query("SELECT * FROM (" + latest + ") latest ORDER BY id",
                rs -> new Decision(rs.getLong("id"), SqlParsed.agent(rs.getString("author")),
                        new LamportTime(rs.getLong("stamp")), SqlValues.instant(rs, "at"), rs.getString("text"),
                        SqlValues.optionalText(rs, "task").map(TaskId::parse)),
                args);
    }
}
