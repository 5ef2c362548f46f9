package dev.huddle.store;

import dev.huddle.core.task.Decision;
import dev.huddle.core.task.TaskId;
import java.util.List;
import java.util.Optional;

/** Recorded decisions (DESIGN §4.7). */
public interface DecisionRows {

    /** Stores the decision (its id is ignored) and returns it with its id. */
    Decision insert(Decision decision);

    /** The latest {@code limit} decisions, of one task when given, oldest first. */
    List<Decision> list(Optional<TaskId> task, int limit);
}
