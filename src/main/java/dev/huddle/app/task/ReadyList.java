package dev.huddle.app.task;

import dev.huddle.core.task.Task;
import java.util.List;

/** The first ready tasks in claim order; {@code more} when the list was cut at the limit. */
public record ReadyList(List<Task> tasks, boolean more) {

    public ReadyList {
        tasks = List.copyOf(tasks);
    }
}
