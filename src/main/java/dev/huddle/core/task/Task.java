package dev.huddle.core.task;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A unit of work on the board (DESIGN §4.6). A claim is the assignee together with the fencing
 * token it was granted with; a task reclaimed from an offline assignee gets a new token, so the
 * old one can be recognised as stale. {@code version} grows with every change and is what a
 * compare-and-set write checks, so two writers can never both apply a change to one version,
 * even when they would write identical values.
 *
 * <p>The {@code with…} methods return the next version of the task, changed at {@code at}.
 */
public record Task(
        TaskId id,
        String queue,
        String title,
        Optional<String> description,
        Priority priority,
        TaskStatus status,
        Optional<AgentId> assignee,
        Optional<FencingToken> claimToken,
        List<Resource> files,
        List<String> labels,
        Optional<TaskId> parent,
        AgentId createdBy,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> claimedAt,
        Optional<Instant> due,
        Optional<String> blockedReason,
        Optional<String> conclusion,
        long version) {

    public Task {
        files = List.copyOf(files);
        labels = List.copyOf(labels);
    }

    /** Whether {@code agent} holds the claim: assigned to it and not finished. */
    public boolean heldBy(AgentId agent) {
        return assignee.filter(agent::equals).isPresent() && (status == TaskStatus.CLAIMED || status == TaskStatus.BLOCKED);
    }

    /** Past its due time (from the queue's SLA) and not resolved. */
    public boolean overdueAt(Instant now) {
        return !status.resolved() && due.filter(now::isAfter).isPresent();
    }

    /** Claimed by {@code agent} with a new token; any earlier claim (an offline assignee's) ends. */
    public Task claimed(AgentId agent, FencingToken token, Instant at) {
        return next(TaskStatus.CLAIMED, priority, Optional.of(agent), Optional.of(token), Optional.of(at),
                Optional.empty(), conclusion, at);
    }

    /** Open and unassigned again, block and conclusion cleared (reopen); any claim's token dies. */
    public Task opened(Instant at) {
        return next(TaskStatus.OPEN, priority, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), at);
    }

    /**
     * The claim given back (unclaim, the assignee left): unassigned, the token dies. A blocked task
     * stays blocked, with its reason; anything else is open again.
     */
    public Task released(Instant at) {
        TaskStatus back = status == TaskStatus.BLOCKED ? TaskStatus.BLOCKED : TaskStatus.OPEN;
        return next(back, priority, Optional.empty(), Optional.empty(), Optional.empty(), blockedReason, conclusion, at);
    }

    /** Finished; the assignee and token stay as the record of who did it. */
    public Task done(Optional<String> withConclusion, Instant at) {
        return next(TaskStatus.DONE, priority, assignee, claimToken, claimedAt, Optional.empty(),
                withConclusion.or(() -> conclusion), at);
    }

    /** Waiting on something outside the board; the assignee keeps the claim. */
    public Task blocked(String reason, Instant at) {
        return next(TaskStatus.BLOCKED, priority, assignee, claimToken, claimedAt, Optional.of(reason), conclusion, at);
    }

    /** The block lifted: claimed again when assigned, else open. */
    public Task unblocked(Instant at) {
        TaskStatus back = assignee.isPresent() ? TaskStatus.CLAIMED : TaskStatus.OPEN;
        return next(back, priority, assignee, claimToken, claimedAt, Optional.empty(), conclusion, at);
    }

    public Task cancelled(Instant at) {
        return next(TaskStatus.CANCELLED, priority, assignee, claimToken, claimedAt, Optional.empty(), conclusion, at);
    }

    /** One priority level up; P0 stays P0 (and still counts as a change of version). */
    public Task escalated(Instant at) {
        return next(status, priority.raised(), assignee, claimToken, claimedAt, blockedReason, conclusion, at);
    }

    private Task next(TaskStatus s, Priority p, Optional<AgentId> who, Optional<FencingToken> token,
                      Optional<Instant> since, Optional<String> block, Optional<String> concl, Instant at) {
        return new Task(id, queue, title, description, p, s, who, token, files, labels, parent, createdBy, createdAt,
                at, since, due, block, concl, version + 1);
    }
}
