package dev.huddle.core.frontier;

/**
 * "Is everyone past this point?" With a round, every participant must be strictly past
 * (epoch, round); without one, every participant's epoch must exceed {@code epoch}.
 */
public record FrontierQuery(long epoch, Long round, boolean ignoreOffline) {

    public FrontierQuery {
        new Pointstamp(epoch, round == null ? 0 : round);
    }

    /** Whether a participant at {@code at} has moved past this query's point. */
    public boolean passedBy(Pointstamp at) {
        return round == null ? at.epoch() > epoch : at.compareTo(new Pointstamp(epoch, round)) > 0;
    }

    public String describe() {
        return round == null ? "epoch " + epoch : "(" + epoch + ", " + round + ")";
    }
}
