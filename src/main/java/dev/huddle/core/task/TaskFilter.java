package dev.huddle.core.task;

import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/** Which tasks {@code task list} shows; empty fields do not filter. At most {@code limit}, oldest first. */
public record TaskFilter(Optional<TaskStatus> status, Optional<String> queue, Optional<AgentId> assignee, int limit) {

    public static TaskFilter all(int limit) {
        return new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
