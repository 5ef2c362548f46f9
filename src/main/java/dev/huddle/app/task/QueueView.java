package dev.huddle.app.task;

import dev.huddle.core.task.Queue;
import dev.huddle.core.task.TaskStatus;
import java.util.Map;
import java.util.Optional;

/**
 * A queue as listed: its configuration ({@code config} empty for a queue that only tasks name,
 * e.g. one removed from huddle.toml), tasks per status, and how many are overdue.
 */
public record QueueView(String name, Optional<Queue> config, Map<TaskStatus, Long> counts, long overdue) {

    public QueueView {
        counts = Map.copyOf(counts);
    }

    public long count(TaskStatus status) {
        return counts.getOrDefault(status, 0L);
    }
}
