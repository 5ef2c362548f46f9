package dev.huddle.app.decision;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.TaskId;
import java.util.List;
import java.util.Optional;

/** The team's decision record (DESIGN §4.7). */
public interface Decisions {

    /** Records a decision, linked to a task when given (the task must exist). */
    Decision decide(AgentId caller, String text, Optional<TaskId> task);

    /** The latest {@code limit} decisions, oldest first; one task's when given. */
    List<Decision> decisions(Optional<TaskId> task, int limit);
}
