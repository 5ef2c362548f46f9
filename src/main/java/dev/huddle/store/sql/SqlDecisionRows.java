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
        return jdbc.query("""
                SELECT * FROM (SELECT id, author, stamp, at, text, task FROM decisions
                               WHERE (CAST(? AS TEXT) IS NULL OR task = ?) ORDER BY id DESC LIMIT ?) latest ORDER BY id""",
                rs -> new Decision(rs.getLong("id"), SqlParsed.agent(rs.getString("author")),
                        new LamportTime(rs.getLong("stamp")), SqlValues.instant(rs, "at"), rs.getString("text"),
                        SqlValues.optionalText(rs, "task").map(TaskId::parse)),
                task.map(TaskId::text), task.map(TaskId::text), limit);
    }
}
