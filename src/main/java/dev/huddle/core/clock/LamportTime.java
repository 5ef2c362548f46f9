package dev.huddle.core.clock;

/**
 * A Lamport timestamp (DESIGN §4.2). Each local event ticks the clock; receiving a message
 * stamped T moves it to max(own, T) + 1. Timestamps order events for display and break ties;
 * they never decide whether something is delivered.
 */
public record LamportTime(long value) implements Comparable<LamportTime> {

    // Written out rather than generated: a record's generated equals/hashCode bootstraps through
    // method handles on first use, 15-40 ms of a cold CLI start even with the AOT cache (measured).
    @Override
    public boolean equals(Object o) {
        return o instanceof LamportTime other && other.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    public static final LamportTime ZERO = new LamportTime(0);

    public LamportTime {
        if (value < 0) {
            throw new IllegalArgumentException("Lamport time cannot be negative: " + value);
        }
    }

    /** The clock after one local event. */
    public LamportTime tick() {
        return new LamportTime(Math.addExact(value, 1));
    }

    /** The clock after receiving something stamped {@code remote}. */
    public LamportTime receive(LamportTime remote) {
        return new LamportTime(Math.addExact(Math.max(value, remote.value), 1));
    }

    @Override
    public int compareTo(LamportTime other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
