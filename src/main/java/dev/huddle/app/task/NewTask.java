package dev.huddle.app.task;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.TaskId;
import java.util.List;
import java.util.Optional;

/**
 * A task as {@code task new} asks for it: raw texts (title, description, file patterns, labels,
 * queue name) are validated by the use case; ids and the priority are already parsed.
 */
public record NewTask(
        AgentId caller,
        String title,
        Optional<String> description,
        Optional<String> queue,
        Optional<Priority> priority,
        List<String> files,
        List<String> labels,
        Optional<TaskId> parent,
        List<TaskId> blockedBy) {

    public NewTask {
        files = List.copyOf(files);
        labels = List.copyOf(labels);
        blockedBy = List.copyOf(blockedBy);
    }
}
