package dev.huddle.store;

import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import java.util.List;

/** "A blocks B" between tasks. Cycles are refused by the use case (TaskGraph), not here. */
public interface DependencyRows {

    /** Stores the dependency; false when it was already there. */
    boolean add(Dependency dependency);

    /** Removes it; false when there was none. */
    boolean remove(Dependency dependency);

    /** The tasks that block {@code task}, in id order. */
    List<Task> blockersOf(TaskId task);

    /** The tasks {@code task} blocks, in id order. */
    List<Task> dependentsOf(TaskId task);

    /** Every dependency, ordered by blocked then blocker task. */
    List<Dependency> all();

    /** Dependencies that still hold something back: blocker and blocked both unresolved. */
    List<Dependency> unresolved();
}
