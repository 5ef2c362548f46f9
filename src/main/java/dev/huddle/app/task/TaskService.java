package dev.huddle.app.task;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.lease.ResourceResolver;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Queue;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskScope;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.core.task.TaskText;
import dev.huddle.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task use cases. Creating is here; claims live in {@link TaskClaims}, the other lifecycle
 * changes in {@link TaskChanges}, dependencies in {@link TaskDependencies}.
 */
public final class TaskService implements Tasks {

    private final Context ctx;
    private final ResourceResolver resolver;
    private final TaskClaims claims;
    private final TaskChanges changes;
    private final TaskDependencies dependencies;

    public TaskService(Context ctx) {
        this.ctx = ctx;
        this.resolver = new ResourceResolver(ctx.workspace());
        this.claims = new TaskClaims(ctx);
        this.changes = new TaskChanges(ctx);
        this.dependencies = new TaskDependencies(ctx);
    }

    /** Inside {@code leave}'s transaction: the leaving agent's claims go back to the board. */
    public static List<TaskId> returnClaims(Tx tx, Actor actor) {
        return TaskClaims.returnAll(tx, actor);
    }

    @Override
    public Task create(NewTask req) {
        String title = TaskText.title(req.title());
        int max = ctx.settings().maxMessageBytes();
        Optional<String> description = req.description().map(d -> TaskText.body(d, max, "the description"));
        List<String> labels = req.labels().stream().map(TaskText::label).distinct().toList();
        List<Resource> files = req.files().isEmpty() ? List.of() : resolver.resolve(req.files());
        Queue queue = ctx.settings().queues().require(req.queue().map(Queue::name).orElse(Queue.DEFAULT_NAME));
        Priority priority = req.priority().orElse(Priority.DEFAULT);
        return ctx.write(req.caller(), tx -> {
            Actor actor = Actor.act(tx, ctx, req.caller());
            req.parent().ifPresent(p -> TaskRecords.require(tx, p));
            List<TaskId> blockers = req.blockedBy().stream().distinct().map(b -> TaskRecords.require(tx, b).id()).toList();
            List<TaskId> read = new ArrayList<>(blockers);
            req.parent().ifPresent(read::add);
            actor.actsOn(Subject.tasks(read));
            TaskId id = new TaskId(queue.idPrefix(), tx.tasks().nextNumber(queue.idPrefix()));
            Task task = new Task(id, queue.name(), title, description, priority, TaskStatus.OPEN, Optional.empty(),
                    Optional.empty(), files, labels, req.parent(), actor.id(), actor.now(), actor.now(), Optional.empty(),
                    queue.dueAt(actor.now()), Optional.empty(), Optional.empty(), 1);
            tx.tasks().insert(task);
            blockers.forEach(b -> tx.dependencies().add(new Dependency(b, id)));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("title", title);
            data.put("queue", queue.name());
            data.put("priority", priority.label());
            if (!blockers.isEmpty()) {
                data.put("blocked_by", blockers.stream().map(TaskId::text).toList());
            }
            req.parent().ifPresent(p -> data.put("parent", p.text()));
            TaskRecords.record(actor, EventKind.TASK_CREATE, id, data);
            return task;
        });
    }

    @Override
    public ClaimOutcome claim(AgentId caller, TaskId task, boolean reserve) {
        return claims.claim(caller, task, reserve);
    }

    @Override
    public ClaimOutcome claimNext(AgentId caller, Optional<String> queue, boolean reserve) {
        Optional<String> only = queue.map(Queue::name).map(q -> ctx.settings().queues().require(q).name());
        String where = only.map(q -> "no task is ready in queue " + q)
                .orElse("no task is ready in the queues you handle");
        return claims.claimNext(caller, new TaskScope(only, List.of()), where, reserve);
    }

    @Override
    public TaskOutcome unclaim(AgentId caller, TaskId task, Optional<FencingToken> token) {
        return claims.unclaim(caller, task, token);
    }

    @Override
    public TaskOutcome done(AgentId caller, TaskId task, Optional<String> conclusion, Optional<FencingToken> token) {
        Optional<String> text = conclusion.map(c -> TaskText.body(c, ctx.settings().maxMessageBytes(), "the conclusion"));
        return claims.done(caller, task, text, token);
    }

    @Override
    public TaskOutcome block(AgentId caller, TaskId task, String reason) {
        return changes.block(caller, task, TaskText.body(reason, ctx.settings().maxMessageBytes(), "the block reason"));
    }

    @Override
    public TaskOutcome unblock(AgentId caller, TaskId task) {
        return changes.unblock(caller, task);
    }

    @Override
    public TaskOutcome amend(AgentId caller, TaskId task, String text) {
        return changes.amend(caller, task, TaskText.body(text, ctx.settings().maxMessageBytes(), "the amendment"));
    }

    @Override
    public TaskOutcome escalate(AgentId caller, TaskId task, Optional<String> reason) {
        return changes.escalate(caller, task, reason(reason));
    }

    @Override
    public TaskOutcome reopen(AgentId caller, TaskId task, Optional<String> reason) {
        return changes.reopen(caller, task, reason(reason));
    }

    @Override
    public TaskOutcome cancel(AgentId caller, TaskId task, Optional<String> reason) {
        return changes.cancel(caller, task, reason(reason));
    }

    @Override
    public DependencyChange addDependency(AgentId caller, Dependency dependency) {
        return dependencies.add(caller, dependency);
    }

    @Override
    public DependencyChange removeDependency(AgentId caller, Dependency dependency) {
        return dependencies.remove(caller, dependency);
    }

    private Optional<String> reason(Optional<String> reason) {
        return reason.map(r -> TaskText.body(r, ctx.settings().maxMessageBytes(), "the reason"));
    }
}
