package dev.huddle.core.event;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the append-only audit log (DESIGN §4.2). {@code seq} is the global sequence number
 * that tailing follows; (stamp, agent) is the causal display order.
 */
public record Event(
        long seq,
        LamportTime stamp,
        Optional<AgentId> agent,
        Instant wall,
        String kind,
        Optional<String> task,
        Optional<String> path,
        Map<String, Object> data) {

    public Event {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
