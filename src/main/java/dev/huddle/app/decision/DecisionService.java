package dev.huddle.app.decision;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskText;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Recording and listing decisions. */
public final class DecisionService implements Decisions {

    private final Context ctx;

    public DecisionService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Decision decide(AgentId caller, String text, Optional<TaskId> task) {
        String body = TaskText.body(text, ctx.settings().maxMessageBytes(), "the decision");
        return ctx.write(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            task.ifPresent(id -> tx.tasks().find(id).orElseThrow(() -> HuddleException.failed("unknown task " + id
                    + ": 'huddle task list' shows the board")));
            task.ifPresent(id -> actor.actsOn(Subject.task(id)));
            var stamp = actor.stamp();
            Decision d = tx.decisions().insert(new Decision(0, actor.id(), stamp, actor.now(), body, task));
            actor.recordAt(stamp, EventKind.DECIDE, task.map(TaskId::text), Optional.empty(), Map.of("id", d.id()));
            return d;
        });
    }

    @Override
    public List<Decision> decisions(Optional<TaskId> task, int limit) {
        if (limit <= 0) {
            throw HuddleException.invalid("--limit must be a positive number (got " + limit + ")");
        }
        return ctx.read(tx -> tx.decisions().list(task, limit));
    }
}
