package dev.huddle.app.task;

import dev.huddle.core.task.Task;
import java.util.List;

/** A task that cannot move, and why: its open blockers and, when blocked, the block's reason (on the task). */
public record BlockedTask(Task task, List<Task> openBlockers) {

    public BlockedTask {
        openBlockers = List.copyOf(openBlockers);
    }
}
