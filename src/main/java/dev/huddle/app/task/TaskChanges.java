package dev.huddle.app.task;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.message.Outbox;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import dev.huddle.core.task.ClaimRules;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lifecycle changes besides claims: block, unblock, amend, escalate, reopen, cancel. Each reads
 * the task, decides, and writes by compare-and-set in one transaction; repeating a change that
 * already holds changes nothing.
 */
final class TaskChanges {

    /** Agents with this role are told of every escalation, besides the queue's handlers. */
    static final Role OPERATOR = new Role("operator");

    private final Context ctx;

    TaskChanges(Context ctx) {
        this.ctx = ctx;
    }

    /** Runs one change of one task as {@code caller}. */
    private TaskOutcome change(AgentId caller, TaskId id, Function<Step, TaskOutcome> work) {
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            Task task = TaskRecords.require(tx, id);
            actor.actsOn(Subject.task(id));
            return work.apply(new Step(tx, actor, task));
        }, TaskOutcome::changesNothing);
    }

    /** One change in progress: the transaction, the acting agent and the task as read. */
    private record Step(Tx tx, Actor actor, Task task) {

        TaskOutcome apply(Task after, String kind, Map<String, Object> data, List<AgentId> told) {
            TaskRecords.save(tx, task, after);
            TaskRecords.record(actor, kind, task.id(), data);
            return new TaskOutcome.Updated(after, true, told, List.of());
        }

        void remark(Remark.Kind kind, Optional<String> text) {
            text.ifPresent(t -> tx.tasks().addRemark(new Remark(task.id(), actor.id(), actor.now(), kind, t)));
        }

        /** Whether someone other than the caller holds the claim. */
        boolean heldByOther() {
            return task.assignee().filter(a -> !a.equals(actor.id())).isPresent() && !task.status().resolved();
        }
    }

    TaskOutcome block(AgentId caller, TaskId id, String reason) {
        return change(caller, id, s -> {
            if (s.task().status().resolved() || s.heldByOther()) {
                return new TaskOutcome.Denied(s.task(), s.task().id() + " " + ClaimRules.standing(s.task())
                        + (s.heldByOther() ? ": only its holder may block it" : ""));
            }
            if (s.task().status() == TaskStatus.BLOCKED && s.task().blockedReason().equals(Optional.of(reason))) {
                return TaskOutcome.Updated.unchanged(s.task());
            }
            s.remark(Remark.Kind.BLOCK, Optional.of(reason));
            return s.apply(s.task().blocked(reason, s.actor().now()), EventKind.TASK_BLOCK, Map.of(), List.of());
        });
    }

    TaskOutcome unblock(AgentId caller, TaskId id) {
        return change(caller, id, s -> {
            if (s.task().status() != TaskStatus.BLOCKED) {
                return TaskOutcome.Updated.unchanged(s.task());
            }
            if (s.heldByOther()) {
                return new TaskOutcome.Denied(s.task(), s.task().id() + " " + ClaimRules.standing(s.task())
                        + ": only its holder may unblock it");
            }
            return s.apply(s.task().unblocked(s.actor().now()), EventKind.TASK_UNBLOCK, Map.of(), List.of());
        });
    }

    TaskOutcome amend(AgentId caller, TaskId id, String text) {
        return change(caller, id, s -> {
            s.remark(Remark.Kind.AMEND, Optional.of(text));
            TaskRecords.record(s.actor(), EventKind.TASK_AMEND, id, Map.of("chars", text.length()));
            return new TaskOutcome.Updated(s.task(), true, List.of(), List.of());
        });
    }

    TaskOutcome escalate(AgentId caller, TaskId id, Optional<String> reason) {
        return change(caller, id, s -> {
            Task task = s.task();
            if (task.status().resolved()) {
                return new TaskOutcome.Denied(task, task.id() + " " + ClaimRules.standing(task)
                        + "; reopen it first to escalate it");
            }
            Task raised = task.escalated(s.actor().now());
            s.remark(Remark.Kind.ESCALATE, reason);
            List<AgentId> told = tellEscalation(s, raised, reason);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", task.priority().label());
            data.put("to", raised.priority().label());
            data.put("told", told.stream().map(AgentId::value).toList());
            return s.apply(raised, EventKind.TASK_ESCALATE, data, told);
        });
    }

    /** Messages the queue's handlers and the operators (not the caller, not departed agents). */
    private List<AgentId> tellEscalation(Step s, Task raised, Optional<String> reason) {
        Optional<Role> handler = ctx.settings().queues().find(raised.queue()).flatMap(q -> q.handler());
        List<AgentId> to = s.tx().agents().all().stream()
                .filter(a -> !a.departed() && !a.id().equals(s.actor().id()))
                .filter(a -> a.hasRole(OPERATOR) || handler.filter(a::hasRole).isPresent())
                .map(Agent::id).toList();
        if (to.isEmpty()) {
            return to;
        }
        List<String> addresses = new ArrayList<>();
        handler.ifPresent(h -> addresses.add("@" + h));
        addresses.add("@" + OPERATOR);
        String body = s.actor().id() + " escalated " + raised.id() + " (" + raised.title() + ") to "
                + raised.priority().label() + reason.map(r -> ": " + r).orElse("");
        new Outbox(s.tx(), s.actor()).send(new Message(0, s.actor().id(), LamportTime.ZERO, s.actor().now(),
                Optional.of(raised.id() + " escalated to " + raised.priority().label()), body,
                raised.priority() == Priority.P0 ? Importance.URGENT : Importance.HIGH, false,
                Optional.of(raised.id().text()), Optional.empty(), addresses), to);
        return to;
    }

    TaskOutcome reopen(AgentId caller, TaskId id, Optional<String> reason) {
        return change(caller, id, s -> {
            Task task = s.task();
            if (task.status() == TaskStatus.OPEN) {
                return TaskOutcome.Updated.unchanged(task);
            }
            if (!task.status().resolved()) {
                return new TaskOutcome.Denied(task, task.id() + " " + ClaimRules.standing(task)
                        + ": 'unclaim' gives a claim back, 'unblock' lifts a block");
            }
            s.remark(Remark.Kind.REOPEN, reason);
            return s.apply(task.opened(s.actor().now()), EventKind.TASK_REOPEN,
                    Map.of("was", task.status().label()), List.of());
        });
    }

    TaskOutcome cancel(AgentId caller, TaskId id, Optional<String> reason) {
        return change(caller, id, s -> {
            Task task = s.task();
            if (task.status() == TaskStatus.CANCELLED) {
                return TaskOutcome.Updated.unchanged(task);
            }
            if (task.status() == TaskStatus.DONE) {
                return new TaskOutcome.Denied(task, task.id() + " is done; reopen it first to cancel it");
            }
            List<AgentId> told = s.heldByOther() ? List.of(task.assignee().orElseThrow()) : List.of();
            told.forEach(holder -> new Outbox(s.tx(), s.actor()).sendSystem(holder, task.id() + " was cancelled",
                    s.actor().id() + " cancelled " + task.id() + " (" + task.title() + "), which you had claimed"
                            + reason.map(r -> ": " + r).orElse("."), Importance.HIGH));
            s.remark(Remark.Kind.CANCEL, reason);
            return s.apply(task.cancelled(s.actor().now()), EventKind.TASK_CANCEL,
                    Map.of("was", task.status().label()), told);
        });
    }
}
