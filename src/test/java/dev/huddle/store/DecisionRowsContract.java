package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.TaskId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DecisionRows}: the decision record. */
abstract class DecisionRowsContract extends BoardCase {

    @BeforeEach
    void board() {
        register("alice", "bob");
        add("T-1");
    }

    Decision decide(String by, String text, String task) {
        return write((Tx tx) -> tx.decisions().insert(new Decision(0, id(by), new LamportTime(4), at(1), text,
                Optional.ofNullable(task).map(TaskId::parse))));
    }

    @Test
    void insert_returnsItWithAnId_andListGivesItBackEqual() {
        Decision d = decide("bob", "use ANTLR\nnot a hand parser", "T-1");
        assertThat(d.id()).isPositive();
        assertThat(read((Tx tx) -> tx.decisions().list(Optional.empty(), 10))).containsExactly(d);
    }

    @Test
    void list_givesTheLatestNOldestFirst_andFiltersByTask() {
        Decision a = decide("alice", "a", null);
        Decision b = decide("bob", "b", "T-1");
        Decision c = decide("alice", "c", null);
        assertThat(read((Tx tx) -> tx.decisions().list(Optional.empty(), 2))).containsExactly(b, c);
        assertThat(read((Tx tx) -> tx.decisions().list(Optional.of(TaskId.parse("T-1")), 10))).containsExactly(b);
        assertThat(read((Tx tx) -> tx.decisions().list(Optional.empty(), 10))).containsExactly(a, b, c);
        add("T-2");
        Decision d = decide("bob", "d", "T-1");
        decide("bob", "e", "T-2");
        assertThat(read((Tx tx) -> tx.decisions().list(Optional.of(TaskId.parse("T-1")), 10))).containsExactly(b, d);
        assertThat(read((Tx tx) -> tx.decisions().list(Optional.of(TaskId.parse("T-1")), 1)))
                .as("the task's latest, not the latest of all").containsExactly(d);
        assertThat(read((Tx tx) -> tx.decisions().list(Optional.of(TaskId.parse("T-9")), 10))).isEmpty();
    }
}
