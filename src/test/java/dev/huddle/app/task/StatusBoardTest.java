package dev.huddle.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.overview.Briefing;
import dev.huddle.app.overview.Status;
import dev.huddle.app.overview.Workload;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The board as status and prime show it: who holds what, what is ready, blocked and overdue. */
class StatusBoardTest extends BoardTestBase {

    @Test
    void status_showsClaimedWithHolder_readyInClaimOrder_blocked_andOverdue() {
        Task review = createIn("reviews", "review the parser", Priority.P2);
        Task lexer = claimed(bob, create("lexer"));
        Task urgent = create("urgent", Priority.P0);
        Task stuck = claimed(alice, create("stuck"));
        h.coordinator.tasks().block(alice, stuck.id(), "waiting for the vendor");
        Task waits = createBlocked("after the lexer", lexer);
        h.clock.advance(Duration.ofMinutes(61));

        Status s = h.coordinator.overview().status(Optional.of(carol));
        Workload w = s.work();
        assertThat(s.caller()).contains(carol);
        assertThat(w.claimed()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(lexer.id());
            assertThat(t.assignee()).contains(bob);
        });
        assertThat(w.ready().tasks()).extracting(Task::id).containsExactly(urgent.id(), review.id());
        assertThat(w.blocked()).extracting(Task::id).containsExactly(stuck.id());
        assertThat(w.overdue()).extracting(Task::id).containsExactly(review.id());
        assertThat(w.overdueCount()).isEqualTo(1);
        assertThat(w.count(TaskStatus.OPEN)).as("review, urgent, and the one waiting on the lexer").isEqualTo(3);
        assertThat(w.count(TaskStatus.CLAIMED)).isEqualTo(1);
        assertThat(w.count(TaskStatus.BLOCKED)).isEqualTo(1);
        assertThat(w.ready().tasks()).extracting(Task::id).doesNotContain(waits.id());
    }

    @Test
    void status_listsAreCut_countsStayComplete() {
        for (int i = 0; i < Workload.SHOWN + 3; i++) {
            claimed(bob, create("t" + i));
            create("open " + i);
        }
        Workload w = h.coordinator.overview().status(Optional.empty()).work();
        assertThat(w.claimed()).hasSize(Workload.SHOWN);
        assertThat(w.count(TaskStatus.CLAIMED)).isEqualTo(Workload.SHOWN + 3);
        assertThat(w.ready().tasks()).hasSize(Workload.SHOWN);
        assertThat(w.ready().more()).isTrue();
    }

    @Test
    void prime_carriesTheCallersClaims_blockedOnesToo_notOthers() {
        Task mine = claimed(bob, create("mine"));
        Task blocked = claimed(bob, create("blocked"));
        h.coordinator.tasks().block(bob, blocked.id(), "vendor");
        claimed(alice, create("alice's"));
        create("ready one");
        Briefing b = h.coordinator.overview().prime(bob);
        assertThat(b.claims()).extracting(Task::id).containsExactly(mine.id(), blocked.id());
        assertThat(b.status().work().ready().tasks()).extracting(Task::title).containsExactly("ready one");
    }
}
