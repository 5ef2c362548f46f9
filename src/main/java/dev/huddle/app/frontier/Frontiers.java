package dev.huddle.app.frontier;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierVerdict;
import java.time.Duration;
import java.util.Optional;

/** The phase barrier (DESIGN §4.3). */
public interface Frontiers {

    /**
     * Whether every participant (registered, not departed) has moved past the queried point. With
     * a wait, checks until SAFE or the wait runs out, and returns the last verdict either way.
     */
    FrontierVerdict frontier(FrontierQuery query, Optional<Duration> wait);

    /**
     * Heartbeat (advancing the pointstamp when given), receive unread messages, and the frontier
     * for the caller's previous epoch: SAFE once everyone has reached the caller's epoch.
     */
    SyncResult sync(AgentId caller, Optional<Long> epoch, Optional<Long> round);
}
