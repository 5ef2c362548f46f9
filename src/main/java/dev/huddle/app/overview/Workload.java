package dev.huddle.app.overview;

import dev.huddle.app.task.ReadyList;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskStatus;
import java.util.List;
import java.util.Map;

/**
 * The work board at a glance (DESIGN §4.6), as status and prime show it: tasks per status, the
 * claimed tasks with their holders, the first ready tasks in claim order, the blocked ones and
 * the overdue ones. Each list holds at most {@link #SHOWN} tasks; the counts are complete, so a
 * reader can tell how many were left out ({@code task list}, {@code ready}, {@code queue check}
 * show the rest).
 */
public record Workload(Map<TaskStatus, Long> counts, List<Task> claimed, ReadyList ready, List<Task> blocked,
                       List<Task> overdue, int overdueCount) {

    /** How many tasks each list shows at most. */
    public static final int SHOWN = 20;

    public Workload {
        counts = Map.copyOf(counts);
        claimed = List.copyOf(claimed);
        blocked = List.copyOf(blocked);
        overdue = List.copyOf(overdue);
    }

    public long count(TaskStatus status) {
        return counts.getOrDefault(status, 0L);
    }
}
