package dev.huddle.app.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Creating tasks and moving them through their lifecycle (DESIGN §4.6, §9). */
class TaskLifecycleTest extends BoardTestBase {

    /** Runs {@code bad} and checks it fails as {@code kind} with {@code text}, leaving the log and board as they were. */
    void refusedAndNothingChanged(Runnable bad, HuddleException.Kind kind, String text) {
        long seq = h.coordinator.events().lastSeq();
        List<Task> board = h.coordinator.board().tasks(TaskFilter.all(1000));
        assertThatThrownBy(bad::run).isInstanceOfSatisfying(HuddleException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(text);
        });
        assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        assertThat(h.coordinator.board().tasks(TaskFilter.all(1000))).isEqualTo(board);
    }

    @Nested
    class Create {

        @Test
        void create_numbersIdsPerQueuePrefix_defaultsToP2_andSetsDueFromTheSla() {
            Task t1 = create("one");
            Task r1 = createIn("reviews", "review", Priority.P1);
            Task t2 = create("two");
            assertThat(List.of(t1.id().text(), r1.id().text(), t2.id().text())).containsExactly("T-1", "REV-1", "T-2");
            assertThat(t1.priority()).isEqualTo(Priority.P2);
            assertThat(t1.due()).isEmpty();
            assertThat(r1.due()).contains(r1.createdAt().plus(Duration.ofMinutes(60)));
            assertThat(r1.queue()).isEqualTo("reviews");
        }

        @Test
        void create_keepsEveryField_filesCanonical() {
            Task parent = create("parent");
            Task blocker = create("blocker");
            Task t = h.coordinator.tasks().create(new NewTask(alice, "  child  ", Optional.of("details\nmore"), Optional.of("Default"),
                    Optional.of(Priority.P0), List.of("./src//a.py", "src/*.rs"), List.of("core", "core", "ui"),
                    Optional.of(parent.id()), List.of(blocker.id())));
            assertThat(t.title()).isEqualTo("child");
            assertThat(t.files()).extracting(f -> f.text()).containsExactly("src/a.py", "src/*.rs");
            assertThat(t.labels()).containsExactly("core", "ui");
            assertThat(t.parent()).contains(parent.id());
            assertThat(h.coordinator.board().show(t.id()).blockers()).extracting(Task::id).containsExactly(blocker.id());
            assertThat(h.coordinator.board().show(t.id()).task()).isEqualTo(t);
        }

        @Test
        void create_whenTitleEmpty_invalid_andNothingWritten() {
            refusedAndNothingChanged(() -> create("  "), HuddleException.Kind.INVALID_INPUT, "needs a title");
        }

        @Test
        void create_whenUnknownQueueParentOrBlocker_failed_andNothingWritten() {
            create("exists");
            refusedAndNothingChanged(() -> createIn("nope", "x", Priority.P2), HuddleException.Kind.FAILED, "unknown queue 'nope'");
            refusedAndNothingChanged(() -> h.coordinator.tasks().create(new NewTask(alice, "x", Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of(), List.of(), Optional.of(TaskId.parse("T-9")), List.of())),
                    HuddleException.Kind.FAILED, "unknown task T-9");
            refusedAndNothingChanged(() -> h.coordinator.tasks().create(new NewTask(alice, "x", Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of(), List.of(), Optional.empty(), List.of(TaskId.parse("T-1"), TaskId.parse("T-7")))),
                    HuddleException.Kind.FAILED, "unknown task T-7");
            assertThat(create("next").id().text()).as("failed creations used no number").isEqualTo("T-2");
        }

        @Test
        void create_whenFileOutsideTheRepository_invalid() {
            refusedAndNothingChanged(() -> withFiles("x", "../etc/passwd"), HuddleException.Kind.INVALID_INPUT,
                    "outside the repository");
        }
    }

    @Nested
    class Done {

        @Test
        void done_byTheHolder_finishesWithConclusion() {
            Task t = claimed(bob, create("t"));
            var u = (TaskOutcome.Updated) h.coordinator.tasks().done(bob, t.id(), Optional.of("shipped"), t.claimToken());
            assertThat(u.task().status()).isEqualTo(TaskStatus.DONE);
            assertThat(u.task().conclusion()).contains("shipped");
            assertThat(now(t)).isEqualTo(u.task());
        }

        @Test
        void done_byAnyoneElse_deniedNamingTheHolder_andNothingChanged() {
            Task t = claimed(bob, create("t"));
            long seq = h.coordinator.events().lastSeq();
            assertThat(h.coordinator.tasks().done(alice, t.id(), Optional.empty(), Optional.empty()))
                    .isInstanceOfSatisfying(TaskOutcome.Denied.class, d -> assertThat(d.reason()).contains("claimed by bob"));
            Task open = create("open");
            assertThat(h.coordinator.tasks().done(alice, open.id(), Optional.empty(), Optional.empty()))
                    .isInstanceOfSatisfying(TaskOutcome.Denied.class, d -> assertThat(d.reason()).contains("nobody holds"));
            assertThat(now(t)).isEqualTo(t);
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq + 1);
        }

        @Test
        void done_whileABlockerIsOpen_notReadyNamingIt_andNothingChanged_cancelledBlockerResolves() {
            Task blocker = create("blocker");
            Task resolvedOne = create("other");
            Task t = claimed(bob, create("t"));
            h.coordinator.tasks().addDependency(alice, new Dependency(blocker.id(), t.id()));
            h.coordinator.tasks().addDependency(alice, new Dependency(resolvedOne.id(), t.id()));
            h.coordinator.tasks().cancel(alice, resolvedOne.id(), Optional.empty());
            long seq = h.coordinator.events().lastSeq();
            assertThat(h.coordinator.tasks().done(bob, t.id(), Optional.empty(), Optional.empty()))
                    .isInstanceOfSatisfying(TaskOutcome.NotReady.class,
                            n -> assertThat(n.openBlockers()).extracting(Task::id).containsExactly(blocker.id()));
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
            h.coordinator.tasks().cancel(alice, blocker.id(), Optional.of("not needed"));
            assertThat(h.coordinator.tasks().done(bob, t.id(), Optional.empty(), Optional.empty())).isInstanceOf(TaskOutcome.Updated.class);
        }

        @Test
        void done_repeated_unchanged() {
            Task t = claimed(bob, create("t"));
            h.coordinator.tasks().done(bob, t.id(), Optional.empty(), Optional.empty());
            long seq = h.coordinator.events().lastSeq();
            assertThat(h.coordinator.tasks().done(bob, t.id(), Optional.empty(), Optional.empty()))
                    .isInstanceOfSatisfying(TaskOutcome.Updated.class, u -> assertThat(u.changed()).isFalse());
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }
    }

    @Nested
    class Changes {

        @Test
        void unclaim_ownClaim_opensTheTask_othersDenied() {
            Task t = claimed(bob, create("t"));
            assertThat(h.coordinator.tasks().unclaim(alice, t.id(), Optional.empty())).isInstanceOf(TaskOutcome.Denied.class);
            var u = (TaskOutcome.Updated) h.coordinator.tasks().unclaim(bob, t.id(), Optional.empty());
            assertThat(u.task().status()).isEqualTo(TaskStatus.OPEN);
            assertThat(u.task().assignee()).isEmpty();
            assertThat(h.coordinator.tasks().claim(alice, t.id(), false)).isInstanceOf(ClaimOutcome.Claimed.class);
        }

        @Test
        void block_byHolder_blocksWithReasonAndRemark_unblockReturnsTheClaim_othersDenied() {
            Task t = claimed(bob, create("t"));
            assertThat(h.coordinator.tasks().block(alice, t.id(), "mine now")).isInstanceOf(TaskOutcome.Denied.class);
            var b = (TaskOutcome.Updated) h.coordinator.tasks().block(bob, t.id(), "waiting for API keys");
            assertThat(b.task().status()).isEqualTo(TaskStatus.BLOCKED);
            assertThat(h.coordinator.board().show(t.id()).remarks()).singleElement()
                    .satisfies(r -> assertThat(r.kind()).isEqualTo(Remark.Kind.BLOCK));
            assertThat(h.coordinator.board().blocked()).extracting(x -> x.task().id()).containsExactly(t.id());
            var u = (TaskOutcome.Updated) h.coordinator.tasks().unblock(bob, t.id());
            assertThat(u.task().status()).isEqualTo(TaskStatus.CLAIMED);
            assertThat(u.task().assignee()).contains(bob);
        }

        @Test
        void amend_appendsARemark_andChangesNoField() {
            Task t = create("t");
            h.coordinator.tasks().amend(bob, t.id(), "also handle unicode");
            assertThat(now(t)).isEqualTo(t);
            assertThat(h.coordinator.board().show(t.id()).remarks()).singleElement().satisfies(r -> {
                assertThat(r.author()).isEqualTo(bob);
                assertThat(r.text()).isEqualTo("also handle unicode");
                assertThat(r.at()).isEqualTo(h.clock.instant());
            });
        }

        @Test
        void escalate_raisesOneLevel_andTellsTheHandlersAndOperators_P0StaysP0() {
            Task r = createIn("reviews", "review", Priority.P1);
            var u = (TaskOutcome.Updated) h.coordinator.tasks().escalate(alice, r.id(), Optional.of("release tomorrow"));
            assertThat(u.task().priority()).isEqualTo(Priority.P0);
            assertThat(u.told()).containsExactly(bob, carol);
            assertThat(h.coordinator.messages().inbox(bob, false)).singleElement()
                    .satisfies(e -> assertThat(e.message().body()).contains("release tomorrow").contains("P0"));
            var again = (TaskOutcome.Updated) h.coordinator.tasks().escalate(alice, r.id(), Optional.empty());
            assertThat(again.task().priority()).isEqualTo(Priority.P0);
            assertThat(again.told()).as("escalating a P0 still notifies").containsExactly(bob, carol);
        }

        @Test
        void escalate_inTheDefaultQueue_tellsOnlyOperators() {
            Task t = create("t", Priority.P3);
            var u = (TaskOutcome.Updated) h.coordinator.tasks().escalate(bob, t.id(), Optional.empty());
            assertThat(u.task().priority()).isEqualTo(Priority.P2);
            assertThat(u.told()).containsExactly(carol);
        }

        @Test
        void reopen_doneTask_opensItUnassigned_claimedTaskDenied() {
            Task t = claimed(bob, create("t"));
            assertThat(h.coordinator.tasks().reopen(alice, t.id(), Optional.empty())).isInstanceOf(TaskOutcome.Denied.class);
            h.coordinator.tasks().done(bob, t.id(), Optional.of("x"), Optional.empty());
            var u = (TaskOutcome.Updated) h.coordinator.tasks().reopen(alice, t.id(), Optional.of("regressed"));
            assertThat(u.task().status()).isEqualTo(TaskStatus.OPEN);
            assertThat(u.task().assignee()).isEmpty();
            assertThat(u.task().claimToken()).isEmpty();
        }

        @Test
        void cancel_tellsTheHolder_doneTaskDenied() {
            Task t = claimed(bob, create("t"));
            var u = (TaskOutcome.Updated) h.coordinator.tasks().cancel(alice, t.id(), Optional.of("dup of T-9"));
            assertThat(u.told()).containsExactly(bob);
            assertThat(h.coordinator.messages().inbox(bob, false)).singleElement()
                    .satisfies(e -> assertThat(e.message().body()).contains("dup of T-9"));
            Task d = claimed(bob, create("d"));
            h.coordinator.tasks().done(bob, d.id(), Optional.empty(), Optional.empty());
            assertThat(h.coordinator.tasks().cancel(alice, d.id(), Optional.empty())).isInstanceOf(TaskOutcome.Denied.class);
        }
    }

    @Nested
    class Dependencies {

        @Test
        void addDependency_thatClosesACycle_refusedNamingTheCycle_andNothingChanged() {
            Task a = create("a");
            Task b = create("b");
            Task c = create("c");
            h.coordinator.tasks().addDependency(alice, new Dependency(a.id(), b.id()));
            h.coordinator.tasks().addDependency(alice, new Dependency(b.id(), c.id()));
            refusedAndNothingChanged(() -> h.coordinator.tasks().addDependency(alice, new Dependency(c.id(), a.id())),
                    HuddleException.Kind.FAILED, "T-3 → T-1 → T-2 → T-3");
            assertThat(h.coordinator.board().tree(c.id()).blockers()).extracting(x -> x.task().id()).containsExactly(b.id());
        }

        @Test
        void addAndRemove_areIdempotent_unknownTaskFails() {
            Task a = create("a");
            Task b = create("b");
            assertThat(h.coordinator.tasks().addDependency(alice, new Dependency(a.id(), b.id())).changed()).isTrue();
            assertThat(h.coordinator.tasks().addDependency(alice, new Dependency(a.id(), b.id())).changed()).isFalse();
            assertThat(h.coordinator.tasks().removeDependency(alice, new Dependency(a.id(), b.id())).changed()).isTrue();
            assertThat(h.coordinator.tasks().removeDependency(alice, new Dependency(a.id(), b.id())).changed()).isFalse();
            refusedAndNothingChanged(() -> h.coordinator.tasks().addDependency(alice, new Dependency(a.id(), TaskId.parse("T-9"))),
                    HuddleException.Kind.FAILED, "unknown task T-9");
        }
    }

    @Test
    void leave_returnsTheLeaversClaimsToTheBoard() {
        Task t = claimed(bob, create("t"));
        Task blocked = claimed(bob, create("b"));
        h.coordinator.tasks().block(bob, blocked.id(), "waiting");
        var departure = h.coordinator.agents().leave(bob);
        assertThat(departure.returnedTasks()).containsExactly(t.id(), blocked.id());
        assertThat(now(t).status()).isEqualTo(TaskStatus.OPEN);
        assertThat(now(t).assignee()).isEmpty();
        assertThat(now(blocked).status()).as("still blocked, but by nobody").isEqualTo(TaskStatus.BLOCKED);
        assertThat(now(blocked).assignee()).isEmpty();
        assertThat(h.coordinator.tasks().claim(alice, t.id(), false)).isInstanceOf(ClaimOutcome.Claimed.class);
    }
}
