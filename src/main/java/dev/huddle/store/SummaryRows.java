package dev.huddle.store;

import dev.huddle.core.summary.SummaryEntry;
import dev.huddle.core.summary.SummaryRound;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Summary rounds and what each agent wrote in them. */
public interface SummaryRows {

    /** Stores a new round (its id is ignored) and returns it with its id. */
    SummaryRound insert(SummaryRound round);

    /** The most recent round, open or collected. */
    Optional<SummaryRound> latest();

    /** A round's entries in the order they were written. */
    List<SummaryEntry> entries(long round);

    /** Stores an entry; one per agent and round. */
    void write(SummaryEntry entry);

    void markCollected(long round, Instant at);
}
