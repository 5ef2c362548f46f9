package dev.huddle.store.sqlite;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.DecisionRows;
import java.util.List;
import java.util.Optional;

final class SqliteDecisionRows implements DecisionRows {

    private final Jdbc jdbc;

    SqliteDecisionRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Decision insert(Decision d) {
        jdbc.update("INSERT INTO decisions (author, stamp, at, text, task) VALUES (?, ?, ?, ?, ?)",
                d.author().value(), d.stamp().value(), d.at(), d.text(), d.task().map(TaskId::text));
        long id = jdbc.number("SELECT last_insert_rowid()");
        return new Decision(id, d.author(), d.stamp(), d.at(), d.text(), d.task());
    }

    @Override
    public List<Decision> list(Optional<TaskId> task, int limit) {
        return jdbc.query("""
                SELECT * FROM (SELECT id, author, stamp, at, text, task FROM decisions
                               WHERE (? IS NULL OR task = ?) ORDER BY id DESC LIMIT ?) ORDER BY id""",
                rs -> new Decision(rs.getLong("id"), new AgentId(rs.getString("author")),
                        new LamportTime(rs.getLong("stamp")), Jdbc.instant(rs, "at"), rs.getString("text"),
                        Jdbc.optionalText(rs, "task").map(TaskId::parse)),
                task.map(TaskId::text), task.map(TaskId::text), limit);
    }
}
