package dev.huddle.app.summary;

import dev.huddle.app.Refusal;

/** What {@code summary write} did. */
public sealed interface SummaryOutcome {

    /** Written ({@code state.changed()}), or already written with the same text. */
    record Written(SummaryState state) implements SummaryOutcome {}

    /** Refused: not the caller's turn, or the caller is not in the round (exit 2). */
    record OutOfTurn(SummaryState state, String reason) implements SummaryOutcome, Refusal {}
}
