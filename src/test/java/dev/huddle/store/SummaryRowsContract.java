package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.summary.SummaryEntry;
import dev.huddle.core.summary.SummaryRound;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SummaryRows}: rounds and their entries. */
abstract class SummaryRowsContract extends BoardCase {

    @BeforeEach
    void agents() {
        register("alice", "bob");
    }

    SummaryRound start(long minute) {
        return write((Tx tx) -> tx.summaries().insert(new SummaryRound(0, id("alice"), at(minute),
                List.of(id("bob"), id("alice")), Optional.empty())));
    }

    @Test
    void latest_whenNone_empty_elseTheNewestRoundEqual() {
        assertThat(read((Tx tx) -> tx.summaries().latest())).isEmpty();
        SummaryRound first = start(0);
        SummaryRound second = start(1);
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(read((Tx tx) -> tx.summaries().latest())).contains(second);
    }

    @Test
    void entries_inWritingOrder_perRound() {
        SummaryRound r = start(0);
        SummaryEntry bob = new SummaryEntry(r.id(), id("bob"), at(2), "parser\ndone");
        SummaryEntry alice = new SummaryEntry(r.id(), id("alice"), at(3), "docs");
        run(tx -> {
            tx.summaries().write(alice);
            tx.summaries().write(bob);
        });
        assertThat(read((Tx tx) -> tx.summaries().entries(r.id()))).containsExactly(bob, alice);
        assertThat(read((Tx tx) -> tx.summaries().entries(r.id() + 1))).isEmpty();
    }

    @Test
    void markCollected_keepsTheFirstTime() {
        SummaryRound r = start(0);
        run(tx -> tx.summaries().markCollected(r.id(), at(5)));
        run(tx -> tx.summaries().markCollected(r.id(), at(9)));
        assertThat(read((Tx tx) -> tx.summaries().latest()).orElseThrow().collectedAt()).contains(at(5));
    }
}
