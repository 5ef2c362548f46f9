package dev.huddle.app.overview;

import dev.huddle.app.agent.AgentView;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.task.Task;
import java.util.List;

/**
 * What {@code prime} gives an agent at session start: the status, its unread messages, and the
 * tasks it holds (claimed or blocked); the ready work is in the status's {@link Workload}.
 */
public record Briefing(AgentView self, Status status, List<Envelope> unread, List<Task> claims) {

    public Briefing {
        unread = List.copyOf(unread);
        claims = List.copyOf(claims);
    }
}
