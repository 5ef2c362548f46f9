package dev.huddle.app.summary;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.summary.SummaryEntry;
import dev.huddle.core.summary.SummaryRound;
import java.util.List;
import java.util.Optional;

/** A round with what has been written and whose turn it is (empty when all wrote or it is collected). */
public record SummaryState(SummaryRound round, List<SummaryEntry> entries, Optional<AgentId> turn, boolean changed) {

    public SummaryState {
        entries = List.copyOf(entries);
    }
}
