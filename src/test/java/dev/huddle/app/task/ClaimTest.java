package dev.huddle.app.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** claim and claim-next (DESIGN §4.6, §9): one transaction decides and writes. */
class ClaimTest extends BoardTestBase {

    @Nested
    class ClaimById {

        @Test
        void claim_whenReady_claimedWithAFreshTokenAndAnEvent() {
            Task t = create("parser");
            var c = (ClaimOutcome.Claimed) h.coordinator.tasks().claim(bob, t.id(), false);
            assertThat(c.task().status()).isEqualTo(TaskStatus.CLAIMED);
            assertThat(c.task().assignee()).contains(bob);
            assertThat(c.task().claimToken()).isPresent();
            assertThat(c.alreadyHeld()).isFalse();
            assertThat(now(t)).isEqualTo(c.task());
            var events = h.coordinator.events().log(new EventFilter(Optional.empty(), Optional.of("task.claim"),
                    Optional.of(t.id().text()), Optional.empty(), 0, 10));
            assertThat(events).singleElement().satisfies(e ->
                    assertThat(((Number) e.data().get("token")).longValue()).isEqualTo(c.task().claimToken().orElseThrow().value()));
        }

        @Test
        void claim_whenHeldByALiveAgent_heldNamingTheHolder_andNothingWritten() {
            Task t = claimed(bob, create("parser"));
            long seq = h.coordinator.events().lastSeq();
            var clock = h.coordinator.agents().whoami(alice).agent().clock();
            var outcome = h.coordinator.tasks().claim(alice, t.id(), false);
            assertThat(outcome).isInstanceOfSatisfying(ClaimOutcome.Held.class,
                    held -> assertThat(held.task().assignee()).contains(bob));
            assertThat(now(t)).isEqualTo(t);
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
            assertThat(h.coordinator.agents().whoami(alice).agent().clock()).as("a refusal does not even tick the clock")
                    .isEqualTo(clock);
        }

        @Test
        void claim_whenDoneOrCancelled_closed() {
            Task done = create("a");
            claimed(bob, done);
            h.coordinator.tasks().done(bob, done.id(), Optional.empty(), Optional.empty());
            Task cancelled = create("b");
            h.coordinator.tasks().cancel(alice, cancelled.id(), Optional.empty());
            assertThat(h.coordinator.tasks().claim(alice, done.id(), false)).isInstanceOf(ClaimOutcome.Closed.class);
            assertThat(h.coordinator.tasks().claim(alice, cancelled.id(), false)).isInstanceOf(ClaimOutcome.Closed.class);
        }

        @Test
        void claim_whenBlockerOpen_notReadyNamingIt_thenReadyOnceItIsDoneOrCancelled() {
            Task first = create("first");
            Task other = create("other");
            Task second = createBlocked("second", first, other);
            var outcome = (ClaimOutcome.NotReady) h.coordinator.tasks().claim(bob, second.id(), false);
            assertThat(outcome.openBlockers()).extracting(Task::id).containsExactly(first.id(), other.id());
            claimed(alice, first);
            h.coordinator.tasks().done(alice, first.id(), Optional.empty(), Optional.empty());
            h.coordinator.tasks().cancel(alice, other.id(), Optional.empty());
            assertThat(h.coordinator.tasks().claim(bob, second.id(), false)).isInstanceOf(ClaimOutcome.Claimed.class);
        }

        @Test
        void claim_whenBlockedWithAReason_notReady() {
            Task t = create("t");
            h.coordinator.tasks().block(alice, t.id(), "waiting for the vendor");
            var outcome = (ClaimOutcome.NotReady) h.coordinator.tasks().claim(bob, t.id(), false);
            assertThat(outcome.task().blockedReason()).contains("waiting for the vendor");
        }

        @Test
        void claim_whenAlreadyMine_alreadyHeld_sameToken_nothingWritten() {
            Task t = claimed(bob, create("t"));
            long seq = h.coordinator.events().lastSeq();
            var again = (ClaimOutcome.Claimed) h.coordinator.tasks().claim(bob, t.id(), false);
            assertThat(again.alreadyHeld()).isTrue();
            assertThat(again.task()).isEqualTo(t);
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }

        @Test
        void claim_whenUnknownTask_failsExit1Kind() {
            assertThatThrownBy(() -> h.coordinator.tasks().claim(bob, dev.huddle.core.task.TaskId.parse("T-99"), false))
                    .isInstanceOfSatisfying(HuddleException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HuddleException.Kind.FAILED);
                        assertThat(e.getMessage()).contains("unknown task T-99");
                    });
        }

        @Test
        void claim_whenDryRun_reportsTheClaimButWritesNothing() {
            Task t = create("t");
            long seq = h.coordinator.events().lastSeq();
            var outcome = h.coordinator.rehearsing().tasks().claim(bob, t.id(), false);
            assertThat(outcome).isInstanceOf(ClaimOutcome.Claimed.class);
            assertThat(now(t)).isEqualTo(t);
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }
    }

    @Nested
    class Reclaim {

        @Test
        void claim_whenHolderOffline_reclaimedWithANewToken_andTheOldHolderIsTold() {
            Task t = claimed(bob, create("t"));
            goesOffline(bob);
            var c = (ClaimOutcome.Claimed) h.coordinator.tasks().claim(alice, t.id(), false);
            assertThat(c.reclaimedFrom()).contains(bob);
            assertThat(c.task().claimToken().orElseThrow()).isGreaterThan(t.claimToken().orElseThrow());
            assertThat(h.coordinator.messages().inbox(bob, false)).singleElement().satisfies(e -> {
                assertThat(e.message().subject()).contains(t.id() + " was reclaimed");
                assertThat(e.message().body()).contains("token " + t.claimToken().orElseThrow());
            });
        }

        @Test
        void reclaimed_theOldHoldersDoneAndStaleTokenAreRefused() {
            Task t = claimed(bob, create("t"));
            FencingToken old = t.claimToken().orElseThrow();
            goesOffline(bob);
            h.coordinator.tasks().claim(alice, t.id(), false);
            var done = h.coordinator.tasks().done(bob, t.id(), Optional.empty(), Optional.of(old));
            assertThat(done).isInstanceOfSatisfying(TaskOutcome.Denied.class,
                    d -> assertThat(d.reason()).contains("claimed by alice"));
            Task mine = now(t);
            assertThat(h.coordinator.tasks().done(alice, t.id(), Optional.empty(), Optional.of(old)))
                    .isInstanceOfSatisfying(TaskOutcome.Denied.class, d -> assertThat(d.reason()).contains("stale"));
            assertThat(now(t)).isEqualTo(mine);
        }

        @Test
        void claimNext_takesATaskWhoseHolderIsOffline() {
            Task t = claimed(bob, create("t"));
            goesOffline(bob);
            var c = (ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(alice, Optional.empty(), false);
            assertThat(c.task().id()).isEqualTo(t.id());
            assertThat(c.reclaimedFrom()).contains(bob);
        }
    }

    @Nested
    class Next {

        @Test
        void claimNext_takesTheMostUrgentThenTheOldest() {
            Task oldP2 = create("old p2");
            Task p1 = create("p1", Priority.P1);
            Task newP2 = create("new p2");
            assertThat(((ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(alice, Optional.empty(), false)).task().id())
                    .isEqualTo(p1.id());
            assertThat(((ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(bob, Optional.empty(), false)).task().id())
                    .isEqualTo(oldP2.id());
            assertThat(((ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(carol, Optional.empty(), false)).task().id())
                    .isEqualTo(newP2.id());
        }

        @Test
        void claimNext_whenNothingReady_nothingReady_andNothingWritten() {
            Task blocker = create("first");
            createBlocked("second", blocker);
            claimed(bob, blocker);
            long seq = h.coordinator.events().lastSeq();
            assertThat(h.coordinator.tasks().claimNext(alice, Optional.empty(), false)).isInstanceOf(ClaimOutcome.NothingReady.class);
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }

        @Test
        void claimNext_skipsQueuesHandledByARoleTheCallerLacks() {
            Task review = createIn("reviews", "urgent review", Priority.P0);
            Task chore = create("chore", Priority.P4);
            assertThat(review.id().text()).isEqualTo("REV-1");
            assertThat(((ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(alice, Optional.empty(), false)).task().id())
                    .as("alice is no reviewer").isEqualTo(chore.id());
            assertThat(((ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(bob, Optional.empty(), false)).task().id())
                    .isEqualTo(review.id());
        }

        @Test
        void claimNext_withQueue_restrictsToIt_andRefusesAQueueOfAnotherRole() {
            createIn("reviews", "review", Priority.P0);
            Task chore = create("chore", Priority.P4);
            assertThat(h.coordinator.tasks().claimNext(alice, Optional.of("reviews"), false))
                    .isInstanceOfSatisfying(ClaimOutcome.NothingReady.class,
                            n -> assertThat(n.where()).contains("handled by @reviewer"));
            assertThat(h.coordinator.tasks().claimNext(bob, Optional.of("default"), false))
                    .isInstanceOfSatisfying(ClaimOutcome.Claimed.class, c -> assertThat(c.task().id()).isEqualTo(chore.id()));
            assertThatThrownBy(() -> h.coordinator.tasks().claimNext(bob, Optional.of("nope"), false))
                    .hasMessageContaining("unknown queue 'nope'");
        }
    }

    @Nested
    class Reserve {

        @Test
        void claim_withReserve_leasesTheTasksFilesInTheSameTransaction() {
            Task t = withFiles("parser", "src/parser.py", "src/lexer/**");
            var c = (ClaimOutcome.Claimed) h.coordinator.tasks().claim(bob, t.id(), true);
            assertThat(c.reserved()).extracting(l -> l.resource().text()).containsExactly("src/parser.py", "src/lexer/**");
            assertThat(h.coordinator.leases().locks(false, Optional.of(bob))).extracting(v -> v.lease().task().orElseThrow())
                    .containsOnly(t.id().text());
        }

        @Test
        void claim_withReserve_whenOneFileIsHeld_claimsNothingAndLeasesNothing() {
            Task t = withFiles("parser", "src/parser.py", "src/lexer.py");
            h.coordinator.leases().lock(new dev.huddle.app.lease.LockRequest(carol, List.of("src/lexer.py"),
                    dev.huddle.core.lease.LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()));
            long seq = h.coordinator.events().lastSeq();
            var outcome = h.coordinator.tasks().claim(bob, t.id(), true);
            assertThat(outcome).isInstanceOfSatisfying(ClaimOutcome.FilesHeld.class, f ->
                    assertThat(f.denied().conflicts()).singleElement().satisfies(c -> assertThat(c.heldBy().holder()).isEqualTo(carol)));
            assertThat(now(t)).isEqualTo(t);
            assertThat(h.coordinator.leases().locks(false, Optional.of(bob))).isEmpty();
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }

        @Test
        void claimNext_withReserve_skipsATaskWhoseFilesAreHeld() {
            Task held = withFiles("held files", "src/a.py");
            Task free = withFiles("free files", "src/b.py");
            h.coordinator.leases().lock(new dev.huddle.app.lease.LockRequest(carol, List.of("src/a.py"),
                    dev.huddle.core.lease.LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()));
            var c = (ClaimOutcome.Claimed) h.coordinator.tasks().claimNext(bob, Optional.empty(), true);
            assertThat(c.task().id()).isEqualTo(free.id());
            assertThat(now(held).status()).isEqualTo(TaskStatus.OPEN);
        }

        @Test
        void done_releasesTheLeasesTakenForTheTask() {
            Task t = withFiles("parser", "src/parser.py");
            h.coordinator.tasks().claim(bob, t.id(), true);
            var done = (TaskOutcome.Updated) h.coordinator.tasks().done(bob, t.id(), Optional.of("shipped"), Optional.empty());
            assertThat(done.released()).extracting(l -> l.resource().text()).containsExactly("src/parser.py");
            assertThat(h.coordinator.leases().locks(false, Optional.empty())).isEmpty();
        }
    }
}
