package dev.huddle.app.lease;

import dev.huddle.core.agent.Presence;
import dev.huddle.core.lease.Lease;
import java.util.Locale;

/** A lease as listed: its state now and its holder's presence. */
public record LeaseView(Lease lease, State state, Presence holderPresence) {

    /** Live leases count; the rest are history. Void = unexpired, but the holder is offline. */
    public enum State {
        LIVE, VOID, EXPIRED, RELEASED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
