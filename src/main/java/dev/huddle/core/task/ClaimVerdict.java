package dev.huddle.core.task;

import dev.huddle.core.agent.AgentId;
import java.util.List;
import java.util.Optional;

/** What {@link ClaimRules#decide} says about one claim of one task. */
public sealed interface ClaimVerdict {

    /** The claim may be written; {@code reclaimedFrom} is the offline assignee whose claim it replaces. */
    record Grant(Optional<AgentId> reclaimedFrom) implements ClaimVerdict {}

    /** The caller already holds the claim: nothing to write. */
    record Mine() implements ClaimVerdict {}

    /** Another agent, not offline, holds it (DESIGN §9: exit 2 naming the holder). */
    record Held(AgentId holder) implements ClaimVerdict {}

    /** Done or cancelled (DESIGN §9: exit 2 naming the state). */
    record Closed(TaskStatus status) implements ClaimVerdict {}

    /** Open blockers, or a block with its reason (DESIGN §9: exit 3 naming the blockers). */
    record NotReady(List<Task> openBlockers, Optional<String> blockedReason) implements ClaimVerdict {
        public NotReady {
            openBlockers = List.copyOf(openBlockers);
        }
    }
}
