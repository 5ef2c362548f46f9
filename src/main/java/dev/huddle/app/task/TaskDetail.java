package dev.huddle.app.task;

import dev.huddle.core.event.Event;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import java.util.List;

/** Everything the board knows about one task, for {@code task show} and the mirror's task page. */
public record TaskDetail(Task task, List<Task> blockers, List<Task> blocks, List<Remark> remarks, List<Event> history,
                         List<Lease> leases, List<Decision> decisions) {

    public TaskDetail {
        blockers = List.copyOf(blockers);
        blocks = List.copyOf(blocks);
        remarks = List.copyOf(remarks);
        history = List.copyOf(history);
        leases = List.copyOf(leases);
        decisions = List.copyOf(decisions);
    }
}
