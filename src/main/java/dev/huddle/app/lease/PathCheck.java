package dev.huddle.app.lease;

import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.Resource;
import java.util.List;

/**
 * The answer to "may I edit this path?": free when nothing blocks. {@code yours} are the asker's
 * own live leases on the path, so "free" can say "because you hold it, until then".
 */
public record PathCheck(Resource path, List<Conflict> blockers, List<Lease> yours) {

    public PathCheck {
        blockers = List.copyOf(blockers);
        yours = List.copyOf(yours);
    }

    /** A check that does not look at the asker's own leases (the hooks only need to know what blocks). */
    public PathCheck(Resource path, List<Conflict> blockers) {
        this(path, blockers, List.of());
    }

    public boolean free() {
        return blockers.isEmpty();
    }
}
