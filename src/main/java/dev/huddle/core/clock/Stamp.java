package dev.huddle.core.clock;

import dev.huddle.core.agent.AgentId;
import java.util.Comparator;

/**
 * A Lamport timestamp with its agent: the total order (ts, agent id) used for display and for
 * granting queued lease requests fairly.
 */
public record Stamp(LamportTime time, AgentId agent) implements Comparable<Stamp> {

    public static final Comparator<Stamp> ORDER =
            Comparator.comparing(Stamp::time).thenComparing(Stamp::agent);

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }
}
