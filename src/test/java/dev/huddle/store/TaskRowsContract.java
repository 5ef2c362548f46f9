package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskGraph;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskScope;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.core.task.Dependency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TaskRows}: ids, compare-and-set writes, and the lists that feed claims. */
abstract class TaskRowsContract extends BoardCase {

    @BeforeEach
    void agents() {
        register("alice", "bob", "carol");
    }

    @Test
    void nextNumber_countsPerPrefix_fromOne() {
        assertThat(write((Tx tx) -> List.of(tx.tasks().nextNumber("T"), tx.tasks().nextNumber("T"),
                tx.tasks().nextNumber("REV"), tx.tasks().nextNumber("T")))).containsExactly(1L, 2L, 1L, 3L);
        assertThat(store.rehearse((Tx tx) -> tx.tasks().nextNumber("T"))).isEqualTo(4);
        assertThat(write((Tx tx) -> tx.tasks().nextNumber("T"))).as("a rolled-back number is handed out again").isEqualTo(4);
    }

    @Test
    void insert_whenEveryFieldSet_findReturnsItEqual() {
        Task parent = add("REV-1");
        Task t = add(full("REV-2", parent.id().text()));
        assertThat(read((Tx tx) -> tx.tasks().find(t.id()))).contains(t);
        assertThat(read((Tx tx) -> tx.tasks().find(parent.id()))).contains(parent);
        assertThat(read((Tx tx) -> tx.tasks().find(TaskId.parse("REV-9")))).isEmpty();
    }

    @Test
    void replace_whenVersionCurrent_writesLifecycleFields() {
        Task t = add("T-1");
        Task claimed = claim(t, "bob", 7);
        assertThat(read((Tx tx) -> tx.tasks().find(t.id()))).contains(claimed);
    }

    @Test
    void replace_whenVersionMoved_refusedAndNothingWritten_evenForIdenticalValues() {
        Task t = add("T-1");
        Task byBob = t.claimed(id("bob"), new dev.huddle.core.lease.FencingToken(7), at(1));
        assertThat(write((Tx tx) -> tx.tasks().replace(t, byBob))).isTrue();
        assertThat(write((Tx tx) -> tx.tasks().replace(t, byBob))).as("same before, same values: second loses").isFalse();
        Task byCarol = t.claimed(id("carol"), new dev.huddle.core.lease.FencingToken(8), at(1));
        assertThat(write((Tx tx) -> tx.tasks().replace(t, byCarol))).isFalse();
        assertThat(read((Tx tx) -> tx.tasks().find(t.id()))).contains(byBob);
    }

    @Test
    void list_filtersByStatusQueueAndAssignee_inCreationOrder() {
        Task t2 = add("T-2", Priority.P0, 0);
        Task r1 = add("REV-1", Priority.P2, 1);
        Task t1 = add("T-1", Priority.P4, 2);
        Task claimed = claim(t1, "bob", 5);
        assertThat(read((Tx tx) -> tx.tasks().list(TaskFilter.all(10)))).containsExactly(t2, r1, claimed);
        assertThat(read((Tx tx) -> tx.tasks().list(new TaskFilter(Optional.of(TaskStatus.OPEN), Optional.of("default"),
                Optional.empty(), 10)))).containsExactly(t2);
        assertThat(read((Tx tx) -> tx.tasks().list(new TaskFilter(Optional.empty(), Optional.empty(),
                Optional.of(id("bob")), 10)))).containsExactly(claimed);
        assertThat(read((Tx tx) -> tx.tasks().list(TaskFilter.all(2)))).containsExactly(t2, r1);
    }

    /** A filter picks the tasks and LIMIT cuts them in creation order, whatever their ids, priorities or claims. */
    @Test
    void list_whenSeveralMatch_creationOrderThenLimit_forEachFilter() {
        Task t9 = add("T-9", Priority.P4, 5);
        Task r2 = add("REV-2", Priority.P0, 1);
        Task t3 = add("T-3", Priority.P1, 9);
        Task r1 = add("REV-1", Priority.P3, 0);
        Task t1 = add("T-1", Priority.P2, 2);
        Task t5 = add("T-5", Priority.P2, 3);
        Task c1 = claim(t1, "bob", 1);
        Task c3 = claim(t3, "carol", 2);
        Task c9 = claim(t9, "bob", 3);
        Task b5 = change(claim(t5, "bob", 4), t -> t.blocked("x", at(2)));
        Task b2 = status(r2, TaskStatus.BLOCKED);
        assertThat(byStatus(TaskStatus.CLAIMED, 10)).containsExactly(c9, c3, c1);
        assertThat(byStatus(TaskStatus.CLAIMED, 2)).containsExactly(c9, c3);
        assertThat(byStatus(TaskStatus.BLOCKED, 10)).containsExactly(b2, b5);
        assertThat(byStatus(TaskStatus.OPEN, 10)).containsExactly(r1);
        assertThat(byStatus(TaskStatus.DONE, 10)).isEmpty();
        assertThat(list(Optional.empty(), Optional.empty(), Optional.of("bob"), 10)).containsExactly(c9, c1, b5);
        assertThat(list(Optional.empty(), Optional.empty(), Optional.of("bob"), 2)).containsExactly(c9, c1);
        assertThat(list(Optional.of(TaskStatus.CLAIMED), Optional.empty(), Optional.of("bob"), 10))
                .containsExactly(c9, c1);
        assertThat(list(Optional.empty(), Optional.of("default"), Optional.empty(), 3)).containsExactly(c9, c3, c1);
        assertThat(list(Optional.empty(), Optional.of("rev"), Optional.empty(), 10)).containsExactly(b2, r1);
        assertThat(read((Tx tx) -> tx.tasks().blocked())).containsExactly(b2, b5);
    }

    private List<Task> byStatus(TaskStatus status, int limit) {
        return list(Optional.of(status), Optional.empty(), Optional.empty(), limit);
    }

    private List<Task> list(Optional<TaskStatus> status, Optional<String> queue, Optional<String> assignee, int limit) {
        return read((Tx tx) -> tx.tasks().list(new TaskFilter(status, queue, assignee.map(StoreCase::id), limit)));
    }

    @Test
    void ready_whenBoardRandom_agreesWithTaskGraph_inEveryScope() {
        Random random = new Random(42);
        List<Task> tasks = new ArrayList<>();
        List<Dependency> deps = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String id = (i % 3 == 0 ? "REV-" : "T-") + i;
            Task t = add(id, Priority.values()[random.nextInt(5)], random.nextInt(6));
            tasks.add(status(t, TaskStatus.values()[random.nextInt(5)]));
        }
        for (int i = 0; i < 50; i++) {
            Task a = tasks.get(random.nextInt(tasks.size()));
            Task b = tasks.get(random.nextInt(tasks.size()));
            Dependency d = a.id().equals(b.id()) ? null : new Dependency(a.id(), b.id());
            if (d != null && !deps.contains(d) && TaskGraph.cycleIfAdded(deps, d).isEmpty()) {
                deps.add(d);
                dep(a.id().text(), b.id().text());
            }
        }
        List<Task> stored = read((Tx tx) -> tx.tasks().list(TaskFilter.all(100)));
        List<Task> expected = TaskGraph.ready(stored, deps);
        assertThat(expected).as("the board has ready and unready tasks").isNotEmpty().hasSizeLessThan(40);
        assertThat(read((Tx tx) -> tx.tasks().ready(TaskScope.EVERY_QUEUE, 100))).containsExactlyElementsOf(expected);
        assertThat(read((Tx tx) -> tx.tasks().ready(TaskScope.EVERY_QUEUE, 3))).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(read((Tx tx) -> tx.tasks().ready(new TaskScope(Optional.of("rev"), List.of()), 100)))
                .containsExactlyElementsOf(expected.stream().filter(t -> t.queue().equals("rev")).toList());
        assertThat(read((Tx tx) -> tx.tasks().ready(new TaskScope(Optional.empty(), List.of("rev")), 100)))
                .containsExactlyElementsOf(expected.stream().filter(t -> !t.queue().equals("rev")).toList());
    }

    @Test
    void reclaimable_whenAssigneeLeftOrLastSeenAtOrBeforeCutoff_andUnblocked_listedInClaimOrder() {
        run(tx -> {
            Agent carol = tx.agents().find(id("carol")).orElseThrow();
            tx.agents().update(carol.withLeftAt(Optional.of(at(1))));
        });
        Task byBob = claim(add("T-1", Priority.P3, 0), "bob", 1);
        Task byCarol = claim(add("T-2", Priority.P1, 0), "carol", 2);
        Task byAlice = claim(add("T-3", Priority.P0, 0), "alice", 3);
        Task blockedOnOpen = claim(add("T-4", Priority.P0, 0), "carol", 4);
        add("T-5");
        dep("T-5", "T-4");
        Task blockedStatus = change(claim(add("T-6"), "carol", 6), t -> t.blocked("x", at(2)));
        // bob and alice were last seen at T0 + 1.234 s; the cutoff is that instant: bob counts as offline.
        var lastSeen = read((Tx tx) -> tx.agents().find(id("bob")).orElseThrow().lastSeen());
        run(tx -> tx.agents().update(tx.agents().find(id("alice")).orElseThrow().withClock(
                tx.agents().find(id("alice")).orElseThrow().clock(), lastSeen.plusMillis(1))));
        assertThat(read((Tx tx) -> tx.tasks().reclaimable(TaskScope.EVERY_QUEUE, lastSeen, 10)))
                .containsExactly(byCarol, byBob);
        assertThat(read((Tx tx) -> tx.tasks().reclaimable(TaskScope.EVERY_QUEUE, lastSeen.minusMillis(1), 10)))
                .containsExactly(byCarol);
        assertThat(List.of(byAlice, blockedOnOpen, blockedStatus)).as("never reclaimable here").hasSize(3);
    }

    @Test
    void heldBy_countsOverdueAndBlocked() {
        Task due = add(new Task(TaskId.parse("T-1"), "default", "due", Optional.empty(), Priority.P2, TaskStatus.OPEN,
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), id("alice"), at(0), at(0),
                Optional.empty(), Optional.of(at(10)), Optional.empty(), Optional.empty(), 1));
        Task dueLater = add(new Task(TaskId.parse("REV-1"), "rev", "due later", Optional.empty(), Priority.P2,
                TaskStatus.OPEN, Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), id("alice"),
                at(0), at(0), Optional.empty(), Optional.of(at(20)), Optional.empty(), Optional.empty(), 1));
        Task held = claim(add("T-2"), "bob", 9);
        Task blocked = change(claim(add("T-3"), "bob", 10), t -> t.blocked("x", at(2)));
        status(add("T-4"), TaskStatus.DONE);
        assertThat(read((Tx tx) -> tx.tasks().heldBy(id("bob")))).containsExactly(held, blocked);
        assertThat(read((Tx tx) -> tx.tasks().overdue(at(10), Optional.empty()))).as("due at 10 is not overdue at 10").isEmpty();
        assertThat(read((Tx tx) -> tx.tasks().overdue(at(30), Optional.empty()))).containsExactly(due, dueLater);
        assertThat(read((Tx tx) -> tx.tasks().overdue(at(30), Optional.of("rev")))).containsExactly(dueLater);
        assertThat(read((Tx tx) -> tx.tasks().blocked())).containsExactly(blocked);
        assertThat(read((Tx tx) -> tx.tasks().counts())).containsExactly(
                new TaskRows.Count("default", TaskStatus.BLOCKED, 1), new TaskRows.Count("default", TaskStatus.CLAIMED, 1),
                new TaskRows.Count("default", TaskStatus.DONE, 1), new TaskRows.Count("default", TaskStatus.OPEN, 1),
                new TaskRows.Count("rev", TaskStatus.OPEN, 1));
    }

    @Test
    void remarks_keepEveryFieldInOrder() {
        Task t = add("T-1");
        Remark first = new Remark(t.id(), id("bob"), at(1), Remark.Kind.AMEND, "more\ndetail");
        Remark second = new Remark(t.id(), id("alice"), at(2), Remark.Kind.BLOCK, "waiting");
        run(tx -> {
            tx.tasks().addRemark(first);
            tx.tasks().addRemark(second);
        });
        assertThat(read((Tx tx) -> tx.tasks().remarks(t.id()))).containsExactly(first, second);
        assertThat(read((Tx tx) -> tx.tasks().remarks(TaskId.parse("T-2")))).isEmpty();
    }

    @Test
    void counts_whenEmpty_none() {
        assertThat(read((Tx tx) -> tx.tasks().counts())).isEmpty();
        assertThat(read((Tx tx) -> Map.of("ready", tx.tasks().ready(TaskScope.EVERY_QUEUE, 5)))).containsEntry("ready", List.of());
    }
}
