package dev.huddle.app.lease;

import dev.huddle.app.ErrorCode;
import dev.huddle.app.Refusal;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.Waiter;
import java.util.List;

/** What a lock request got: everything, or nothing with every reason. */
public sealed interface LockOutcome {

    /** Every resource granted; {@code renewed} are those the caller already held. */
    record Granted(List<Lease> granted, List<Lease> renewed) implements LockOutcome {
        public Granted {
            granted = List.copyOf(granted);
            renewed = List.copyOf(renewed);
        }
    }

    /**
     * Nothing granted: the live leases in the way and the earlier waiters queued ahead;
     * {@code timedOut} when a wait ran out.
     */
    record Denied(List<Conflict> conflicts, List<Waiter> queuedAhead, boolean timedOut) implements LockOutcome, Refusal {
        public Denied {
            conflicts = List.copyOf(conflicts);
            queuedAhead = List.copyOf(queuedAhead);
        }

        /** A wait that ran out is "not ready" (exit 3), as DESIGN §5 gives it; a plain denial is denied. */
        @Override
        public ErrorCode code() {
            return timedOut ? ErrorCode.NOT_READY : ErrorCode.DENIED;
        }
    }
}
