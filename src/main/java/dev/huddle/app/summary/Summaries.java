package dev.huddle.app.summary;

import dev.huddle.core.agent.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * Summary rounds (DESIGN §4.7): one round open at a time; its agents write in order; collecting
 * merges what they wrote into one Markdown report and closes the round. Every step is
 * idempotent: repeating it changes nothing.
 */
public interface Summaries {

    /**
     * Opens a round with {@code order}, or when empty with huddle.toml's [summary] order, else the
     * active agents by id. While a round is open, starting again with no order or the same one
     * returns it unchanged; another order fails (collect the open round first).
     */
    SummaryState startSummary(AgentId caller, Optional<List<AgentId>> order);

    /** Writes the caller's part of the open round; out of turn is refused naming whose turn it is. */
    SummaryOutcome writeSummary(AgentId caller, String text);

    /** The latest round (open or collected), if any. */
    Optional<SummaryState> summaryStatus();

    /** Closes the latest round and returns its report; collecting a collected round returns the same report. */
    SummaryReportView collectSummary(AgentId caller);
}
