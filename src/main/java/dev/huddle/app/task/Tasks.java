package dev.huddle.app.task;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import java.util.Optional;

/**
 * Changing the work board (DESIGN §4.6): creating tasks, claiming them, and moving them through
 * their lifecycle. Each call is one transaction that also appends to the event log. Unknown tasks,
 * agents and queues fail (exit 1); malformed input is invalid (exit 64); refusals that are normal
 * traffic (held by another, not ready) are returned as values.
 */
public interface Tasks {

    /**
     * Creates an open task in the named queue (the default queue when none), with the next id of
     * the queue's prefix, due after the queue's SLA. Its parent and blockers must exist.
     */
    Task create(NewTask request);

    /**
     * Claims one task: the ready check and the claim are one compare-and-set in one transaction,
     * so of two claimers exactly one wins. A claim held by an offline agent is taken over (its
     * token dies, the agent is told). With {@code reserve}, the task's files are leased in the same
     * transaction, all or nothing; if any is held, nothing is claimed.
     */
    ClaimOutcome claim(AgentId caller, TaskId task, boolean reserve);

    /**
     * Claims the highest-priority, oldest ready task (or one held by an offline agent) from the
     * queues the caller handles: those whose handler role it has and those without a handler;
     * {@code queue} restricts to one queue. With {@code reserve}, a task whose files are held is
     * skipped for the next.
     */
    ClaimOutcome claimNext(AgentId caller, Optional<String> queue, boolean reserve);

    /** Gives one's own claim back: the task is open again (still blocked when it was blocked). */
    TaskOutcome unclaim(AgentId caller, TaskId task, Optional<FencingToken> token);

    /**
     * Finishes a task. Only the claim holder may (with the claim's current token when one is
     * presented); refused while a blocker is still open. The holder's leases for the task end.
     */
    TaskOutcome done(AgentId caller, TaskId task, Optional<String> conclusion, Optional<FencingToken> token);

    /** Marks a task blocked on something outside the board; the holder, or anyone when unclaimed. */
    TaskOutcome block(AgentId caller, TaskId task, String reason);

    /** Lifts a block: claimed again when it has an assignee, else open. */
    TaskOutcome unblock(AgentId caller, TaskId task);

    /** Appends a remark (author, time, text) to the task's history; changes no field. */
    TaskOutcome amend(AgentId caller, TaskId task, String text);

    /**
     * Raises the priority one level (P0 stays P0) and tells the queue's handlers and every agent
     * with role {@code operator}.
     */
    TaskOutcome escalate(AgentId caller, TaskId task, Optional<String> reason);

    /** Opens a done or cancelled task again, unassigned. */
    TaskOutcome reopen(AgentId caller, TaskId task, Optional<String> reason);

    /** Cancels a task that is not done; another agent holding it is told. */
    TaskOutcome cancel(AgentId caller, TaskId task, Optional<String> reason);

    /** Records "blocker blocks blocked"; a dependency that would close a cycle is refused, naming it. */
    DependencyChange addDependency(AgentId caller, Dependency dependency);

    DependencyChange removeDependency(AgentId caller, Dependency dependency);
}
