package dev.huddle.core.task;

import static dev.huddle.core.task.TaskFixtures.NOON;
import static dev.huddle.core.task.TaskFixtures.agent;
import static dev.huddle.core.task.TaskFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.lease.FencingToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskTest {

    static final Instant LATER = NOON.plus(Duration.ofMinutes(5));

    @Test
    void claimed_setsHolderTokenAndTime_andBumpsVersion() {
        Task t = open("T-1").claimed(agent("bob"), new FencingToken(7), LATER);
        assertThat(t.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(t.assignee()).contains(agent("bob"));
        assertThat(t.claimToken()).contains(new FencingToken(7));
        assertThat(t.claimedAt()).contains(LATER);
        assertThat(t.updatedAt()).isEqualTo(LATER);
        assertThat(t.version()).isEqualTo(2);
        assertThat(t.heldBy(agent("bob"))).isTrue();
        assertThat(t.heldBy(agent("alice"))).isFalse();
    }

    @Test
    void everyChange_bumpsTheVersion_evenWhenValuesStayTheSame() {
        Task p0 = new Task(TaskId.parse("T-1"), "default", "t", Optional.empty(), Priority.P0, TaskStatus.OPEN,
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), agent("a"), NOON, NOON,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 4);
        Task escalated = p0.escalated(NOON);
        assertThat(escalated.priority()).isEqualTo(Priority.P0);
        assertThat(escalated.version()).isEqualTo(5);
    }

    @Test
    void released_dropsTheClaim_keepsABlockAndItsReason() {
        Task blocked = open("T-1").claimed(agent("bob"), new FencingToken(7), NOON).blocked("waiting", LATER);
        Task released = blocked.released(LATER);
        assertThat(released.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(released.blockedReason()).contains("waiting");
        assertThat(released.assignee()).isEmpty();
        assertThat(released.claimToken()).isEmpty();
        Task fromClaim = open("T-2").claimed(agent("bob"), new FencingToken(8), NOON).released(LATER);
        assertThat(fromClaim.status()).isEqualTo(TaskStatus.OPEN);
    }

    @Test
    void unblocked_returnsToClaimedWhenAssigned_elseOpen() {
        Task claimed = open("T-1").claimed(agent("bob"), new FencingToken(7), NOON);
        assertThat(claimed.blocked("x", LATER).unblocked(LATER).status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(open("T-2").blocked("x", LATER).unblocked(LATER).status()).isEqualTo(TaskStatus.OPEN);
        assertThat(open("T-2").blocked("x", LATER).unblocked(LATER).blockedReason()).isEmpty();
    }

    @Test
    void done_keepsWhoDidIt_andTheConclusion() {
        Task done = open("T-1").claimed(agent("bob"), new FencingToken(7), NOON).done(Optional.of("shipped"), LATER);
        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.assignee()).contains(agent("bob"));
        assertThat(done.conclusion()).contains("shipped");
        assertThat(done.heldBy(agent("bob"))).as("a finished task is held by nobody").isFalse();
    }

    @Test
    void opened_clearsAssigneeTokenBlockAndConclusion() {
        Task reopened = open("T-1").claimed(agent("bob"), new FencingToken(7), NOON).done(Optional.of("x"), LATER)
                .opened(LATER);
        assertThat(reopened.status()).isEqualTo(TaskStatus.OPEN);
        assertThat(reopened.assignee()).isEmpty();
        assertThat(reopened.claimToken()).isEmpty();
        assertThat(reopened.conclusion()).isEmpty();
    }

    @Test
    void overdueAt_whenPastDueAndUnresolved_true_resolvedNever() {
        Task due = new Task(TaskId.parse("T-1"), "q", "t", Optional.empty(), Priority.P2, TaskStatus.OPEN,
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), agent("a"), NOON, NOON,
                Optional.empty(), Optional.of(LATER), Optional.empty(), Optional.empty(), 1);
        assertThat(due.overdueAt(LATER)).as("at the due time itself").isFalse();
        assertThat(due.overdueAt(LATER.plusMillis(1))).isTrue();
        assertThat(due.cancelled(NOON).overdueAt(LATER.plusSeconds(60))).isFalse();
        assertThat(open("T-2").overdueAt(LATER.plusSeconds(999_999))).as("no SLA, never overdue").isFalse();
    }
}
