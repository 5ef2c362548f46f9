package dev.huddle.app.overview;

import dev.huddle.app.agent.AgentView;
import dev.huddle.core.message.Envelope;
import java.util.List;

/** What {@code prime} gives an agent at session start. */
public record Briefing(AgentView self, Status status, List<Envelope> unread) {

    public Briefing {
        unread = List.copyOf(unread);
    }
}
