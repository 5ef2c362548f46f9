package dev.huddle.core.frontier;

import dev.huddle.core.HuddleException;

/**
 * Where an agent says it is: (epoch, round), ordered lexicographically, so (1, 9) is before
 * (2, 0). Pointstamps only advance (DESIGN §4.3).
 */
public record Pointstamp(long epoch, long round) implements Comparable<Pointstamp> {

    // Written out rather than generated: a record's generated equals/hashCode bootstraps through
    // method handles on first use, 15-40 ms of a cold CLI start even with the AOT cache (measured).
    @Override
    public boolean equals(Object o) {
        return o instanceof Pointstamp other && other.epoch == epoch && other.round == round;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epoch) * 31 + Long.hashCode(round);
    }

    public static final Pointstamp START = new Pointstamp(0, 0);

    public Pointstamp {
        if (epoch < 0 || round < 0) {
            throw HuddleException.invalid("epoch and round must be 0 or greater (got " + epoch + ", " + round + ")");
        }
    }

    @Override
    public int compareTo(Pointstamp other) {
        int byEpoch = Long.compare(epoch, other.epoch);
        return byEpoch != 0 ? byEpoch : Long.compare(round, other.round);
    }

    /**
     * The pointstamp after a heartbeat naming {@code epoch} and/or {@code round} (null = keep).
     * A new epoch without a round starts at round 0. Moving backwards is refused.
     */
    public Pointstamp advancedTo(Long newEpoch, Long newRound) {
        long e = newEpoch == null ? epoch : newEpoch;
        long r = newRound != null ? newRound : (newEpoch != null && newEpoch != epoch ? 0 : round);
        Pointstamp next = new Pointstamp(e, r);
        if (next.compareTo(this) < 0) {
            throw HuddleException.failed("pointstamp cannot move backwards: you are at " + this
                    + ", the heartbeat names " + next);
        }
        return next;
    }

    @Override
    public String toString() {
        return "(" + epoch + ", " + round + ")";
    }
}
