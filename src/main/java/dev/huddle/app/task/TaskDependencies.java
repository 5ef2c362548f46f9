package dev.huddle.app.task;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.TaskGraph;
import dev.huddle.core.task.TaskId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Adding and removing "A blocks B"; a dependency that would close a cycle is refused (DESIGN §4.6). */
final class TaskDependencies {

    private final Context ctx;

    TaskDependencies(Context ctx) {
        this.ctx = ctx;
    }

    DependencyChange add(AgentId caller, Dependency d) {
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            TaskRecords.require(tx, d.blocker());
            TaskRecords.require(tx, d.blocked());
            actor.actsOn(Subject.task(d.blocker()), Subject.task(d.blocked()));
            Optional<List<TaskId>> cycle = TaskGraph.cycleIfAdded(tx.dependencies().all(), d);
            if (cycle.isPresent()) {
                throw HuddleException.failed(d.blocker() + " cannot block " + d.blocked() + ": that would close the cycle "
                        + TaskGraph.describe(cycle.get()) + " (nothing was changed)");
            }
            boolean added = tx.dependencies().add(d);
            if (added) {
                TaskRecords.record(actor, EventKind.DEPENDENCY_ADD, d.blocked(), Map.of("blocker", d.blocker().text()));
            }
            return new DependencyChange(d, added);
        }, c -> !c.changed());
    }

    DependencyChange remove(AgentId caller, Dependency d) {
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            TaskRecords.require(tx, d.blocker());
            TaskRecords.require(tx, d.blocked());
            actor.actsOn(Subject.task(d.blocker()), Subject.task(d.blocked()));
            boolean removed = tx.dependencies().remove(d);
            if (removed) {
                TaskRecords.record(actor, EventKind.DEPENDENCY_REMOVE, d.blocked(), Map.of("blocker", d.blocker().text()));
            }
            return new DependencyChange(d, removed);
        }, c -> !c.changed());
    }
}
