package dev.huddle.app.lease;

import dev.huddle.app.Refusal;
import dev.huddle.core.lease.Lease;
import java.util.List;

/** What a release or renewal did. */
public sealed interface UnlockOutcome {

    /** The leases released or renewed (with their new expiry). */
    record Done(List<Lease> leases) implements UnlockOutcome {
        public Done {
            leases = List.copyOf(leases);
        }
    }

    /** Refused: held by another (without --force), or the caller presented a stale fencing token. */
    record Refused(String reason, List<Lease> heldByOthers) implements UnlockOutcome, Refusal {
        public Refused {
            heldByOthers = List.copyOf(heldByOthers);
        }
    }
}
