package dev.huddle.app.frontier;

import dev.huddle.app.agent.AgentView;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.message.Envelope;
import java.util.List;
import java.util.Optional;

/** One {@code sync}: where the caller is now, what it received, and whether the others caught up. */
public record SyncResult(AgentView self, List<Envelope> received, Optional<FrontierVerdict> frontier) {

    public SyncResult {
        received = List.copyOf(received);
    }
}
