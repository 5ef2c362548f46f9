package dev.huddle.core.event;

import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/** Which events {@code log} and {@code watch} show; empty fields do not filter. */
public record EventFilter(
        Optional<AgentId> by,
        Optional<String> kind,
        Optional<String> task,
        Optional<String> path,
        long afterSeq,
        int limit) {

    public static EventFilter after(long seq, int limit) {
        return new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), seq, limit);
    }
}
