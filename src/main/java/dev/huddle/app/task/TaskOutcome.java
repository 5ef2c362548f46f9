package dev.huddle.app.task;

import dev.huddle.app.ErrorCode;
import dev.huddle.app.Refusal;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.task.Task;
import java.util.List;

/** What a change of a task (done, unclaim, block, amend, escalate, …) did. */
public sealed interface TaskOutcome {

    /** The task as it stands after the call (unchanged when refused). */
    Task task();

    /** Refusals and repeats: nothing to keep, so their transaction is rolled back. */
    static boolean changesNothing(TaskOutcome o) {
        return !(o instanceof Updated u) || !u.changed();
    }

    /**
     * Applied, or nothing to do ({@code changed} false: the task already stood so). {@code told}:
     * agents sent a message about it; {@code released}: the caller's leases for the task given back.
     */
    record Updated(Task task, boolean changed, List<AgentId> told, List<Lease> released) implements TaskOutcome {
        public Updated {
            told = List.copyOf(told);
            released = List.copyOf(released);
        }

        static Updated unchanged(Task task) {
            return new Updated(task, false, List.of(), List.of());
        }
    }

    /** Refused: the caller does not hold the claim, or the task's state forbids it (exit 2). */
    record Denied(Task task, String reason) implements TaskOutcome, Refusal {}

    /** done while blockers are open (exit 3 naming them). */
    record NotReady(Task task, List<Task> openBlockers) implements TaskOutcome, Refusal {
        public NotReady {
            openBlockers = List.copyOf(openBlockers);
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.NOT_READY;
        }
    }
}
