package dev.huddle.app.task;

import dev.huddle.app.ErrorCode;
import dev.huddle.app.Refusal;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.task.Task;
import java.util.List;
import java.util.Optional;

/** What {@code claim} or {@code claim-next} got (DESIGN §9 gives the exit code of each). */
public sealed interface ClaimOutcome {

    /**
     * The caller holds the claim. {@code reclaimedFrom}: the offline assignee it was taken from
     * (told by message); {@code reserved}: the task's file leases taken with it (--reserve);
     * {@code alreadyHeld}: the caller held it before, nothing changed but the reservation.
     */
    record Claimed(Task task, Optional<AgentId> reclaimedFrom, List<Lease> reserved, boolean alreadyHeld)
            implements ClaimOutcome {
        public Claimed {
            reserved = List.copyOf(reserved);
        }
    }

    /** Another agent, not offline, holds the claim: exit 2 naming the holder. */
    record Held(Task task) implements ClaimOutcome, Refusal {}

    /** The task is done or cancelled: exit 2 naming the state. */
    record Closed(Task task) implements ClaimOutcome, Refusal {}

    /** Blockers are open or the task is blocked: exit 3 naming them. */
    record NotReady(Task task, List<Task> openBlockers) implements ClaimOutcome, Refusal {
        public NotReady {
            openBlockers = List.copyOf(openBlockers);
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.NOT_READY;
        }
    }

    /** --reserve: the task's files are held by others, so nothing was claimed (exit 2). */
    record FilesHeld(Task task, LockOutcome.Denied denied) implements ClaimOutcome, Refusal {}

    /** claim-next found no ready task in the caller's queues: exit 3, saying where it looked. */
    record NothingReady(String where) implements ClaimOutcome, Refusal {

        @Override
        public ErrorCode code() {
            return ErrorCode.NOT_READY;
        }
    }
}
