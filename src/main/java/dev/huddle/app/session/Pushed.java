package dev.huddle.app.session;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Envelope;
import java.util.List;

/** Messages just pushed into an agent's context, now marked delivered to it (not read). */
public record Pushed(AgentId agent, List<Envelope> messages) {

    public Pushed {
        messages = List.copyOf(messages);
    }
}
