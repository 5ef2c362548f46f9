package dev.huddle.store;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskScope;
import dev.huddle.core.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tasks of the board and their remarks. Lists that feed claims ({@link #ready},
 * {@link #reclaimable}) are computed by the store, so they stay fast on a large board; they must
 * agree with {@link dev.huddle.core.task.TaskGraph}, which the store contract checks.
 */
public interface TaskRows {

    /** How many tasks of one queue are in one status. */
    record Count(String queue, TaskStatus status, long tasks) {}

    /**
     * The next number of the ids with {@code prefix}: 1 the first time, then one more each call.
     * Counted inside the write transaction, so two creators never get the same id.
     */
    long nextNumber(String prefix);

    /** Stores a new task as given. */
    void insert(Task task);

    Optional<Task> find(TaskId id);

    /**
     * Writes the lifecycle fields of {@code after} (priority, status, assignee, claim token and time,
     * block reason, conclusion, update time, version) if the stored task still has
     * {@code before.version()}: a compare-and-set. False, and nothing written, when the version moved.
     */
    boolean replace(Task before, Task after);

    /** Tasks matching the filter, in creation order, at most {@code filter.limit()}. */
    List<Task> list(TaskFilter filter);

    /** Ready tasks in scope (open, unassigned, every blocker done or cancelled), in TaskGraph.ORDER. */
    List<Task> ready(TaskScope scope, int limit);

    /**
     * Claimed tasks in scope whose assignee is offline (left, or last seen at or before
     * {@code offlineBefore}) and whose blockers are all resolved, in TaskGraph.ORDER: claim-next may
     * take them over (DESIGN §4.6).
     */
    List<Task> reclaimable(TaskScope scope, Instant offlineBefore, int limit);

    /** Tasks {@code agent} holds a claim on (claimed or blocked), in creation order. */
    List<Task> heldBy(AgentId agent);

    /** Task counts per queue and status, ordered by queue then status. */
    List<Count> counts();

    /** Unresolved tasks due before {@code now}, earliest due first; only one queue's when given. */
    List<Task> overdue(Instant now, Optional<String> queue);

    /** Tasks in status {@code blocked}, in creation order. */
    List<Task> blocked();

    void addRemark(Remark remark);

    /** A task's remarks, oldest first. */
    List<Remark> remarks(TaskId task);
}
