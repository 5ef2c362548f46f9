package dev.huddle.app.lease;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * File reservations and named locks (DESIGN §4.4). Exclusive means exclusive: a grant is decided
 * and written in one transaction, all resources or none, and a live holder is never pre-empted.
 */
public interface Leases {

    /**
     * Grants every requested resource or none. Re-requesting a resource the caller holds renews it.
     * With a wait, the caller queues and is granted in (request Lamport time, agent id) order among
     * waiters once nothing conflicts; a wait that runs out is {@link LockOutcome.Denied} with
     * {@code timedOut} set.
     */
    LockOutcome lock(LockRequest request);

    /**
     * Releases the caller's leases on the named resources. Another holder's lease is refused
     * (Denied) unless forced; a forced release needs a reason, is audited, and the holder is told.
     * A token that no longer belongs to a live lease of the caller is refused as stale.
     */
    UnlockOutcome unlock(UnlockRequest request);

    /** Extends the caller's live leases (all, or the named ones); expired leases must be locked again. */
    UnlockOutcome renew(AgentId caller, List<String> resources, Optional<Duration> ttl, Optional<FencingToken> token);

    /** Leases with their state: live ones, or every one kept in history with {@code all}. */
    List<LeaseView> locks(boolean all, Optional<AgentId> holder);

    /** Side-effect free: for each path, the other holders' live exclusive leases that stop an edit. */
    List<PathCheck> check(Optional<AgentId> caller, List<String> paths);
}
