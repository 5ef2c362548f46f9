package dev.huddle.app.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.Coordinator;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.app.lease.UnlockRequest;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Waiter;
import dev.huddle.core.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claims are fair in real terms, not by the agents' Lamport clocks (which are not synchronised):
 * a claim is decided when its transaction runs, so the first to ask gets the task and a later one
 * is refused; "oldest first" means created first; and claiming with --reserve takes its leases by
 * the rules of a lock without --wait, so it never passes a lock waiter that asked before it.
 * Carol has worked longest: her clock is far ahead of everyone's.
 */
class FairClaimTest extends BoardTestBase {

    @BeforeEach
    void carolsClockRunsAhead() {
        for (int i = 0; i < 50; i++) {
            h.coordinator.agents().heartbeat(carol, Optional.empty(), Optional.empty());
        }
    }

    @Test
    void claim_firstToAskGetsIt_whateverTheClocks() {
        Task t = create("parser");
        assertThat(h.coordinator.tasks().claim(carol, t.id(), false)).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(h.coordinator.tasks().claim(alice, t.id(), false)).as("alice's clock is lower, but she asked later")
                .isInstanceOfSatisfying(ClaimOutcome.Held.class, held -> assertThat(held.task().assignee()).contains(carol));
        assertThat(clock(alice)).isLessThan(clock(carol));
    }

    @Test
    void claimNext_oldestMeansCreatedFirst_notTheCreatorsClock() {
        Task byCarol = h.coordinator.tasks().create(spec(carol, "created first, by the agent with the highest clock"));
        h.clock.advance(Duration.ofSeconds(1));
        h.coordinator.tasks().create(spec(alice, "created second, by an agent with a low clock"));
        var next = (ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(bob, Optional.empty(), false);
        assertThat(next.task().id()).isEqualTo(byCarol.id());
    }

    @Test
    void claimWithReserve_whileALockWaiterIsQueuedForItsFiles_isRefusedNamingIt_evenWithALowerClock() {
        Task t = withFiles("parser", "src/parser.py");
        lock(carol, "src/parser.py");
        for (int i = 0; i < 80; i++) {
            h.coordinator.agents().heartbeat(bob, Optional.empty(), Optional.empty());
        }
        queue(bob, "src/parser.py");
        h.coordinator.leases().unlock(new UnlockRequest(carol, List.of("src/parser.py"), Optional.empty(), false, Optional.empty()));
        long seq = h.coordinator.events().lastSeq();

        var outcome = h.coordinator.tasks().claim(alice, t.id(), true);

        assertThat(outcome).isInstanceOfSatisfying(ClaimOutcome.FilesHeld.class, held -> {
            assertThat(held.denied().conflicts()).as("nobody holds the file").isEmpty();
            assertThat(held.denied().queuedAhead()).extracting(Waiter::agent).containsExactly(bob);
        });
        assertThat(now(t).assignee()).isEmpty();
        assertThat(h.coordinator.events().lastSeq()).as("a refusal writes nothing").isEqualTo(seq);
        assertThat(clock(alice)).isLessThan(clock(bob));
    }

    @Test
    void claimNextWithReserve_skipsATaskWhoseFilesALockWaiterIsQueuedFor() {
        Task waitedFor = withFiles("files waited for", "src/a.py");
        Task free = withFiles("free files", "src/b.py");
        lock(alice, "src/a.py");
        queue(bob, "src/a.py");
        h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("src/a.py"), Optional.empty(), false, Optional.empty()));

        var c = (ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(carol, Optional.empty(), true);

        assertThat(c.task().id()).isEqualTo(free.id());
        assertThat(now(waitedFor).assignee()).isEmpty();
    }

    private void lock(AgentId who, String path) {
        assertThat(h.coordinator.leases().lock(new LockRequest(who, List.of(path), LeaseMode.EXCLUSIVE, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))).isInstanceOf(LockOutcome.Granted.class);
    }

    /** A lock --wait of another process, queued and then left alone (within its grace it stays in line). */
    private void queue(AgentId who, String path) {
        try (Coordinator other = h.another(d -> {
            throw new IllegalStateException("the waiting process died");
        })) {
            // It dies at its first pause: its place stays in line until its grace passes.
            assertThatThrownBy(() -> other.leases().lock(new LockRequest(who, List.of(path), LeaseMode.EXCLUSIVE, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(Duration.ofMinutes(1)))))
                    .hasMessage("the waiting process died");
        }
    }

    private long clock(AgentId who) {
        return h.coordinator.agents().whoami(who).agent().clock().value();
    }
}
