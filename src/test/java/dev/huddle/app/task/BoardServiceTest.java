package dev.huddle.app.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.lease.LockRequest;
import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The board's reads: ready, show, tree, queues, overdue, blocked. */
class BoardServiceTest extends BoardTestBase {

    @Test
    void ready_listsOpenUnclaimedUnblocked_byPriorityThenAge_filteredByQueue_withMore() {
        Task old = create("old");
        Task urgent = create("urgent", Priority.P0);
        Task review = createIn("reviews", "review", Priority.P3);
        claimed(bob, create("claimed"));
        createBlocked("waits", old);
        assertThat(h.coordinator.board().ready(Optional.empty(), 10).tasks()).extracting(Task::id)
                .containsExactly(urgent.id(), old.id(), review.id());
        assertThat(h.coordinator.board().ready(Optional.of("reviews"), 10).tasks()).extracting(Task::id).containsExactly(review.id());
        ReadyList two = h.coordinator.board().ready(Optional.empty(), 2);
        assertThat(two.tasks()).hasSize(2);
        assertThat(two.more()).isTrue();
        assertThat(h.coordinator.board().ready(Optional.empty(), 3).more()).isFalse();
        assertThatThrownBy(() -> h.coordinator.board().ready(Optional.of("nope"), 3)).isInstanceOf(HuddleException.class);
    }

    @Test
    void show_bringsDependenciesRemarksHistoryLeasesAndDecisions() {
        Task blocker = create("blocker");
        Task t = withFiles("t", "src/t.py");
        Task dependent = create("dependent");
        h.coordinator.tasks().addDependency(alice, new Dependency(blocker.id(), t.id()));
        h.coordinator.tasks().addDependency(alice, new Dependency(t.id(), dependent.id()));
        h.coordinator.tasks().amend(bob, t.id(), "note");
        h.coordinator.decisions().decide(carol, "do it this way", Optional.of(t.id()));
        h.coordinator.leases().lock(new LockRequest(bob, List.of("src/t.py"), LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(),
                Optional.of("t-2"), Optional.empty()));
        TaskDetail d = h.coordinator.board().show(t.id());
        assertThat(d.blockers()).extracting(Task::id).containsExactly(blocker.id());
        assertThat(d.blocks()).extracting(Task::id).containsExactly(dependent.id());
        assertThat(d.remarks()).extracting(r -> r.text()).containsExactly("note");
        assertThat(d.decisions()).extracting(x -> x.text()).containsExactly("do it this way");
        assertThat(d.leases()).as("a lease naming the task in any case").extracting(l -> l.resource().text())
                .containsExactly("src/t.py");
        assertThat(d.history()).as("in causal order, as 'log' shows it").extracting(e -> e.kind())
                .containsExactlyInAnyOrder("task.create", "task.dep_add", "task.amend", "decision.record", "lease.grant");
    }

    @Test
    void tree_showsBlockersRecursively_aSharedBlockerOnce_andWhatTheRootBlocks() {
        Task base = create("base");
        Task left = createBlocked("left", base);
        Task right = createBlocked("right", base);
        Task top = createBlocked("top", left, right);
        Task after = createBlocked("after", top);
        DependencyTree tree = h.coordinator.board().tree(top.id());
        assertThat(tree.blockers()).extracting(b -> b.task().id()).containsExactly(left.id(), right.id());
        assertThat(tree.blockers().get(0).blockers()).singleElement().satisfies(b -> {
            assertThat(b.task().id()).isEqualTo(base.id());
            assertThat(b.repeated()).isFalse();
        });
        assertThat(tree.blockers().get(1).blockers()).singleElement().satisfies(b -> assertThat(b.repeated()).isTrue());
        assertThat(tree.blocks()).extracting(Task::id).containsExactly(after.id());
    }

    @Test
    void overdue_whenTheSlaPasses_listedAndCounted_untilDone() {
        Task review = createIn("reviews", "review", Priority.P2);
        create("no sla");
        assertThat(h.coordinator.board().overdue(Optional.empty())).isEmpty();
        h.clock.advance(Duration.ofMinutes(60));
        assertThat(h.coordinator.board().overdue(Optional.empty())).as("at the due time, not yet").isEmpty();
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(h.coordinator.board().overdue(Optional.empty())).extracting(Task::id).containsExactly(review.id());
        assertThat(h.coordinator.board().overdue(Optional.of("default"))).isEmpty();
        assertThat(h.coordinator.board().queues()).filteredOn(q -> q.name().equals("reviews")).singleElement()
                .satisfies(q -> assertThat(q.overdue()).isEqualTo(1));
        claimed(bob, review);
        h.coordinator.tasks().done(bob, review.id(), Optional.empty(), Optional.empty());
        assertThat(h.coordinator.board().overdue(Optional.empty())).isEmpty();
    }

    @Test
    void queues_listConfigurationAndCountsPerStatus() {
        create("a");
        claimed(bob, create("b"));
        createIn("reviews", "r", Priority.P2);
        List<QueueView> queues = h.coordinator.board().queues();
        assertThat(queues).extracting(QueueView::name).containsExactly("default", "reviews");
        assertThat(queues.getFirst().count(TaskStatus.OPEN)).isEqualTo(1);
        assertThat(queues.getFirst().count(TaskStatus.CLAIMED)).isEqualTo(1);
        assertThat(queues.get(1).config().orElseThrow().idPrefix()).isEqualTo("REV");
    }

    @Test
    void blocked_listsBlockedTasksAndTasksWaitingOnOpenBlockers() {
        Task blocker = create("blocker");
        Task waiting = createBlocked("waiting", blocker);
        Task stuck = create("stuck");
        h.coordinator.tasks().block(alice, stuck.id(), "vendor");
        Task doneBlocker = claimed(bob, create("done"));
        h.coordinator.tasks().done(bob, doneBlocker.id(), Optional.empty(), Optional.empty());
        createBlocked("free", now(doneBlocker));
        assertThat(h.coordinator.board().blocked()).extracting(b -> b.task().id(), b -> b.openBlockers().stream().map(Task::id).toList())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(waiting.id(), List.of(blocker.id())),
                        org.assertj.core.groups.Tuple.tuple(stuck.id(), List.of()));
    }

    @Test
    void tasks_filtersAndRefusesABadLimit() {
        create("a");
        claimed(bob, create("b"));
        assertThat(h.coordinator.board().tasks(new TaskFilter(Optional.empty(), Optional.empty(), Optional.of(bob), 10)))
                .extracting(Task::title).containsExactly("b");
        assertThatThrownBy(() -> h.coordinator.board().tasks(TaskFilter.all(0))).isInstanceOf(HuddleException.class);
    }
}
