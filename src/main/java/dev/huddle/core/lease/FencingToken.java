package dev.huddle.core.lease;

/**
 * A store-wide, strictly increasing number handed out with every grant. A holder presents it
 * when it releases, renews or acts; a token of an expired or force-released lease is refused.
 */
public record FencingToken(long value) implements Comparable<FencingToken> {

    public FencingToken {
        if (value <= 0) {
            throw new IllegalArgumentException("fencing tokens start at 1: " + value);
        }
    }

    @Override
    public int compareTo(FencingToken other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
