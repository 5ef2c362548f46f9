package dev.huddle.core.clock;

import dev.huddle.core.agent.AgentId;
import java.util.Comparator;

/**
 * A Lamport timestamp with its agent: the total order (ts, agent id) used for display and for
 * granting queued lease requests fairly.
 */
public record Stamp(LamportTime time, AgentId agent) implements Comparable<Stamp> {

    // Written out rather than generated: a record's generated equals/hashCode bootstraps through
    // method handles on first use, 15-40 ms of a cold CLI start even with the AOT cache (measured).
    @Override
    public boolean equals(Object o) {
        return o instanceof Stamp other && other.time.equals(time) && other.agent.equals(agent);
    }

    @Override
    public int hashCode() {
        return time.hashCode() * 31 + agent.hashCode();
    }

    /** The total order (time, then agent id); the natural order of stamps. */
    public static final Comparator<Stamp> ORDER = Stamp::compareTo;

    @Override
    public int compareTo(Stamp other) {
        // Plain code, not Comparator.comparing(...): the JDK's comparator lambdas are spun at run
        // time on a cold start, outside the AOT cache.
        int byTime = time.compareTo(other.time);
        return byTime != 0 ? byTime : agent.compareTo(other.agent);
    }
}
