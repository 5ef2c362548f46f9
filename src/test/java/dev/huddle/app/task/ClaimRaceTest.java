package dev.huddle.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Coordinator;
import dev.huddle.app.Pacer;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Claims from several connections at once (each thread its own store connection, as separate
 * processes would have): exactly one claimer wins a task, and claim-next hands every task out once.
 * The process-level versions are ClaimRaceIT.
 */
class ClaimRaceTest extends BoardTestBase {

    private static final int THREADS = 8;

    private <T> List<T> race(List<Callable<T>> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> w : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return w.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<AgentId> workers() {
        List<AgentId> ids = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ids.add(h.register("w" + i));
        }
        return ids;
    }

    @Test
    void claim_whenEightConnectionsRaceForOneTask_exactlyOneWins_theOthersSeeTheWinnerAsHolder() throws Exception {
        TaskId id = create("contended").id();
        List<Callable<ClaimOutcome>> work = new ArrayList<>();
        for (AgentId w : workers()) {
            Coordinator own = h.another(Pacer.SLEEP);
            work.add(() -> {
                try (own) {
                    return own.tasks().claim(w, id, false);
                }
            });
        }
        List<ClaimOutcome> outcomes = race(work);
        List<ClaimOutcome.Claimed> winners = outcomes.stream()
                .filter(ClaimOutcome.Claimed.class::isInstance).map(ClaimOutcome.Claimed.class::cast).toList();
        assertThat(winners).hasSize(1);
        AgentId winner = winners.getFirst().task().assignee().orElseThrow();
        assertThat(outcomes.stream().filter(ClaimOutcome.Held.class::isInstance).map(o -> ((ClaimOutcome.Held) o).task()))
                .hasSize(THREADS - 1).allSatisfy(t -> assertThat(t.assignee()).contains(winner));
        assertThat(now(id.text()).assignee()).contains(winner);
    }

    @Test
    void claimNext_whenEightConnectionsDrainFortyTasks_everyTaskIsClaimedExactlyOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            create("task " + i);
        }
        List<Callable<List<TaskId>>> work = new ArrayList<>();
        for (AgentId w : workers()) {
            Coordinator own = h.another(Pacer.SLEEP);
            work.add(() -> {
                List<TaskId> mine = new ArrayList<>();
                try (own) {
                    while (own.tasks().claimNext(w, Optional.empty(), false) instanceof ClaimOutcome.Claimed c) {
                        mine.add(c.task().id());
                    }
                }
                return mine;
            });
        }
        List<TaskId> all = race(work).stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(40).doesNotHaveDuplicates();
        List<Task> board = h.coordinator.board().tasks(TaskFilter.all(100));
        assertThat(board).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.CLAIMED));
        assertThat(board.stream().map(t -> t.claimToken().orElseThrow()).distinct()).hasSize(40);
    }
}
