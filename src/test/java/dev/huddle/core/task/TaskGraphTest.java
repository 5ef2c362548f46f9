package dev.huddle.core.task;

import static dev.huddle.core.task.TaskFixtures.agent;
import static dev.huddle.core.task.TaskFixtures.open;
import static dev.huddle.core.task.TaskFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.lease.FencingToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TaskGraphTest {

    static Dependency dep(String blocker, String blocked) {
        return new Dependency(TaskId.parse(blocker), TaskId.parse(blocked));
    }

    @Nested
    class Ready {

        @Test
        void ready_whenOpenUnassignedAndNoBlockers_isReady() {
            assertThat(TaskGraph.ready(open("T-1"), List.of())).isTrue();
        }

        @Test
        void ready_whenABlockerIsOpenClaimedOrBlocked_isNotReady() {
            for (TaskStatus s : List.of(TaskStatus.OPEN, TaskStatus.CLAIMED, TaskStatus.BLOCKED)) {
                assertThat(TaskGraph.ready(open("T-2"), List.of(with(open("T-1"), s)))).as("%s blocker", s).isFalse();
            }
        }

        @Test
        void ready_whenEveryBlockerDoneOrCancelled_isReady() {
            var blockers = List.of(with(open("T-1"), TaskStatus.DONE), with(open("T-3"), TaskStatus.CANCELLED));
            assertThat(TaskGraph.ready(open("T-2"), blockers)).isTrue();
        }

        @Test
        void ready_whenClaimedBlockedDoneOrCancelled_isNotReady() {
            for (TaskStatus s : List.of(TaskStatus.CLAIMED, TaskStatus.BLOCKED, TaskStatus.DONE, TaskStatus.CANCELLED)) {
                assertThat(TaskGraph.ready(with(open("T-1"), s), List.of())).as("%s task", s).isFalse();
            }
        }

        @Test
        void ready_whenOpenButAssigned_isNotReady() {
            Task assigned = open("T-1").claimed(agent("bob"), new FencingToken(3), TaskFixtures.NOON);
            assertThat(TaskGraph.ready(with(assigned, TaskStatus.OPEN), List.of())).isFalse();
        }

        @Test
        void readySet_ordersByPriorityThenAgeThenId() {
            Task p2Old = open("T-4", Priority.P2, 1);
            Task p2New = open("T-1", Priority.P2, 5);
            Task p0 = open("T-9", Priority.P0, 9);
            Task p2SameAgeHigherId = open("T-10", Priority.P2, 1);
            assertThat(TaskGraph.ready(List.of(p2New, p2SameAgeHigherId, p0, p2Old), List.of()))
                    .extracting(t -> t.id().text()).containsExactly("T-9", "T-4", "T-10", "T-1");
        }

        @Test
        void readySet_whenChainOfBlockers_onlyTheHeadIsReady() {
            var tasks = List.of(open("T-1"), open("T-2"), open("T-3"));
            assertThat(TaskGraph.ready(tasks, List.of(dep("T-1", "T-2"), dep("T-2", "T-3"))))
                    .extracting(t -> t.id().text()).containsExactly("T-1");
            var headDone = List.of(with(open("T-1"), TaskStatus.DONE), open("T-2"), open("T-3"));
            assertThat(TaskGraph.ready(headDone, List.of(dep("T-1", "T-2"), dep("T-2", "T-3"))))
                    .extracting(t -> t.id().text()).containsExactly("T-2");
        }

        @Test
        void openBlockers_areTheUnresolvedOnesInIdOrder() {
            var blockers = List.of(open("T-5"), with(open("T-1"), TaskStatus.DONE), with(open("T-3"), TaskStatus.CLAIMED));
            assertThat(TaskGraph.openBlockers(blockers)).extracting(t -> t.id().text()).containsExactly("T-3", "T-5");
        }
    }

    @Nested
    class Cycles {

        @Test
        void cycleIfAdded_whenEdgeReversesAnExistingOne_namesTheTwoTaskCycle() {
            assertThat(TaskGraph.cycleIfAdded(List.of(dep("T-1", "T-2")), dep("T-2", "T-1")))
                    .hasValueSatisfying(path -> assertThat(TaskGraph.describe(path)).isEqualTo("T-2 → T-1 → T-2"));
        }

        @Test
        void cycleIfAdded_whenLongChainClosed_namesEveryStep() {
            var existing = List.of(dep("T-1", "T-2"), dep("T-2", "T-3"), dep("T-3", "T-4"));
            assertThat(TaskGraph.cycleIfAdded(existing, dep("T-4", "T-1")).map(TaskGraph::describe))
                    .contains("T-4 → T-1 → T-2 → T-3 → T-4");
        }

        @Test
        void cycleIfAdded_whenDiamondOrUnrelated_empty() {
            var diamond = List.of(dep("T-1", "T-2"), dep("T-1", "T-3"), dep("T-2", "T-4"), dep("T-3", "T-4"));
            assertThat(TaskGraph.cycleIfAdded(diamond, dep("T-1", "T-4"))).isEmpty();
            assertThat(TaskGraph.cycleIfAdded(diamond, dep("T-5", "T-1"))).isEmpty();
            assertThat(TaskGraph.cycleIfAdded(List.of(), dep("T-1", "T-2"))).isEmpty();
        }

        /** Fixed-seed random graphs: a cycle is reported exactly when the blocked task reaches the blocker. */
        @Test
        void cycleIfAdded_onRandomGraphs_agreesWithReachability_andPathIsACycleOfRealEdges() {
            Random random = new Random(20261121);
            for (int round = 0; round < 300; round++) {
                List<Dependency> edges = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    int a = 1 + random.nextInt(8);
                    int b = 1 + random.nextInt(8);
                    if (a != b && TaskGraph.cycleIfAdded(edges, dep("T-" + a, "T-" + b)).isEmpty()) {
                        edges.add(dep("T-" + a, "T-" + b));
                    }
                }
                int a = 1 + random.nextInt(8);
                int b = a % 8 + 1;
                Dependency edge = dep("T-" + a, "T-" + b);
                var cycle = TaskGraph.cycleIfAdded(edges, edge);
                assertThat(cycle.isPresent()).isEqualTo(reaches(edges, edge.blocked(), edge.blocker()));
                cycle.ifPresent(path -> {
                    assertThat(path.getFirst()).isEqualTo(path.getLast()).isEqualTo(edge.blocker());
                    List<Dependency> with = new ArrayList<>(edges);
                    with.add(edge);
                    for (int i = 0; i + 1 < path.size(); i++) {
                        assertThat(with).contains(new Dependency(path.get(i), path.get(i + 1)));
                    }
                });
            }
        }

        private boolean reaches(List<Dependency> edges, TaskId from, TaskId to) {
            Set<TaskId> seen = new HashSet<>(Set.of(from));
            List<TaskId> frontier = new ArrayList<>(List.of(from));
            while (!frontier.isEmpty()) {
                TaskId at = frontier.removeLast();
                for (Dependency d : edges) {
                    if (d.blocker().equals(at) && seen.add(d.blocked())) {
                        frontier.add(d.blocked());
                    }
                }
            }
            return seen.contains(to);
        }
    }
}
