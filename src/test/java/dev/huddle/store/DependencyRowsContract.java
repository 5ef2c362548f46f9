package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DependencyRows}: "A blocks B" edges. */
abstract class DependencyRowsContract extends BoardCase {

    @BeforeEach
    void board() {
        register("alice", "bob");
        for (String id : new String[] {"T-1", "T-2", "T-3", "T-10", "REV-1"}) {
            add(id);
        }
    }

    static Dependency d(String blocker, String blocked) {
        return new Dependency(TaskId.parse(blocker), TaskId.parse(blocked));
    }

    @Test
    void add_whenNew_true_whenAlreadyThere_false() {
        assertThat(write((Tx tx) -> tx.dependencies().add(d("T-1", "T-2")))).isTrue();
        assertThat(write((Tx tx) -> tx.dependencies().add(d("T-1", "T-2")))).isFalse();
        assertThat(read((Tx tx) -> tx.dependencies().all())).containsExactly(d("T-1", "T-2"));
    }

    @Test
    void remove_whenThere_true_elseFalse() {
        dep("T-1", "T-2");
        assertThat(write((Tx tx) -> tx.dependencies().remove(d("T-2", "T-1")))).as("direction matters").isFalse();
        assertThat(write((Tx tx) -> tx.dependencies().remove(d("T-1", "T-2")))).isTrue();
        assertThat(read((Tx tx) -> tx.dependencies().all())).isEmpty();
    }

    @Test
    void blockersAndDependents_inIdOrder_asCurrentTasks() {
        dep("T-10", "T-3");
        dep("REV-1", "T-3");
        dep("T-2", "T-3");
        dep("T-3", "T-1");
        Task done = status(read((Tx tx) -> tx.tasks().find(TaskId.parse("T-2")).orElseThrow()), TaskStatus.DONE);
        assertThat(read((Tx tx) -> tx.dependencies().blockersOf(TaskId.parse("T-3"))))
                .extracting(t -> t.id().text()).containsExactly("REV-1", "T-2", "T-10");
        assertThat(read((Tx tx) -> tx.dependencies().blockersOf(TaskId.parse("T-3")))).contains(done);
        assertThat(read((Tx tx) -> tx.dependencies().dependentsOf(TaskId.parse("T-3"))))
                .extracting(t -> t.id().text()).containsExactly("T-1");
    }

    @Test
    void all_orderedByBlockedThenBlocker_unresolvedOnlyWhereBothEndsUnresolved() {
        dep("T-2", "T-3");
        dep("T-1", "T-3");
        dep("T-3", "T-10");
        dep("REV-1", "T-1");
        status(read((Tx tx) -> tx.tasks().find(TaskId.parse("T-2")).orElseThrow()), TaskStatus.CANCELLED);
        status(read((Tx tx) -> tx.tasks().find(TaskId.parse("T-10")).orElseThrow()), TaskStatus.DONE);
        assertThat(read((Tx tx) -> tx.dependencies().all()))
                .containsExactly(d("REV-1", "T-1"), d("T-3", "T-10"), d("T-1", "T-3"), d("T-2", "T-3"));
        assertThat(read((Tx tx) -> tx.dependencies().unresolved())).containsExactly(d("REV-1", "T-1"), d("T-1", "T-3"));
    }

    /** Unresolved is every status but done and cancelled (TaskStatus.resolved): claimed and blocked ends count. */
    @Test
    void unresolved_whenEndsClaimedOrBlocked_listedInBlockedThenBlockerOrder() {
        dep("T-10", "T-3");
        dep("REV-1", "T-3");
        dep("T-2", "T-1");
        dep("T-3", "T-2");
        dep("T-1", "REV-1");
        status(task("T-3"), TaskStatus.CLAIMED);
        status(task("T-10"), TaskStatus.BLOCKED);
        status(task("T-2"), TaskStatus.BLOCKED);
        status(task("T-1"), TaskStatus.DONE);
        assertThat(read((Tx tx) -> tx.dependencies().unresolved()))
                .containsExactly(d("T-3", "T-2"), d("REV-1", "T-3"), d("T-10", "T-3"));
    }

    private Task task(String id) {
        return read((Tx tx) -> tx.tasks().find(TaskId.parse(id)).orElseThrow());
    }
}
