package dev.huddle.app.task;

import dev.huddle.core.task.Task;
import java.util.List;

/**
 * A task and what blocks it, recursively. A task reached a second time (two paths to one
 * blocker) is listed with {@code repeated} set and without its blockers, so the tree stays small.
 * {@code blocks}: the tasks the root blocks directly (empty below the root).
 */
public record DependencyTree(Task task, List<DependencyTree> blockers, boolean repeated, List<Task> blocks) {

    public DependencyTree {
        blockers = List.copyOf(blockers);
        blocks = List.copyOf(blocks);
    }
}
