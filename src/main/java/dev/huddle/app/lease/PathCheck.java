package dev.huddle.app.lease;

import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Resource;
import java.util.List;

/** The answer to "may I edit this path?": free when nothing blocks. */
public record PathCheck(Resource path, List<Conflict> blockers) {

    public PathCheck {
        blockers = List.copyOf(blockers);
    }

    public boolean free() {
        return blockers.isEmpty();
    }
}
