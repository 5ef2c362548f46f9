package dev.huddle.app.task;

import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.Task;
import java.util.List;
import java.util.Optional;

/** Reading the work board (DESIGN §4.6): side-effect free, no identity needed (DESIGN §9). */
public interface Board {

    /** One task with its dependencies, remarks, history, leases and decisions; unknown ids fail. */
    TaskDetail show(TaskId task);

    /** Tasks matching the filter, in creation order. */
    List<Task> tasks(TaskFilter filter);

    /** Ready tasks (open, unassigned, every blocker resolved) by priority then age; one queue when given. */
    ReadyList ready(Optional<String> queue, int limit);

    /** The task with its blockers, recursively, and the tasks it blocks. */
    DependencyTree tree(TaskId task);

    /** Every queue (configured, default, or named by a task) with its counts and overdue tasks. */
    List<QueueView> queues();

    /** Unresolved tasks past their due time, earliest first; one queue's when given. */
    List<Task> overdue(Optional<String> queue);

    /** Tasks that cannot move: blocked ones, and unresolved ones waiting on unresolved blockers. */
    List<BlockedTask> blocked();
}
