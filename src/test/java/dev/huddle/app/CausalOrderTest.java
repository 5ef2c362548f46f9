package dev.huddle.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.app.lease.UnlockRequest;
import dev.huddle.app.message.SendRequest;
import dev.huddle.app.session.SessionRef;
import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.app.task.NewTask;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.edit.EditTarget;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.CausalLog;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §4.2, one case at a time: an agent whose clock is far behind acts on state that an agent
 * far ahead wrote, and its event must still be stamped later. Each case failed before the clock
 * was merged with the state's last change ("claim T-3 logged at t2 while T-3's creation is at t4").
 */
class CausalOrderTest {

    private static final long AHEAD = 1_000;

    @TempDir
    Path dir;
    TestHuddle h;
    Coordinator c;
    AgentId ahead;
    AgentId behind;

    @BeforeEach
    void setUp() {
        h = new TestHuddle(dir);
        c = h.coordinator;
        ahead = h.register("ahead");
        behind = h.register("behind");
        setClock(ahead, AHEAD);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private void setClock(AgentId agent, long value) {
        try (SqliteStore store = h.store()) {
            store.write(tx -> {
                Agent a = tx.agents().find(agent).orElseThrow();
                tx.agents().update(a.withClock(new LamportTime(value), a.lastSeen()));
                return null;
            });
        }
    }

    private Event last(String kind) {
        List<Event> found = c.events().log(new EventFilter(Optional.empty(), Optional.of(kind), Optional.empty(), Optional.empty(), 0,
                1_000)).stream().filter(e -> e.kind().equals(kind)).toList();
        assertThat(found).as("events of kind %s", kind).isNotEmpty();
        return found.stream().max((x, y) -> Long.compare(x.seq(), y.seq())).orElseThrow();
    }

    private long clock(AgentId agent) {
        return c.agents().whoami(agent).agent().clock().value();
    }

    private Task create(AgentId by, String title, TaskId... blockers) {
        return c.tasks().create(new NewTask(by, title, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), List.of(blockers)));
    }

    private LockOutcome lock(AgentId who, String... resources) {
        return c.leases().lock(new LockRequest(who, List.of(resources), LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    private void unlock(AgentId who, String... resources) {
        c.leases().unlock(new UnlockRequest(who, List.of(resources), Optional.empty(), false, Optional.empty()));
    }

    private Message send(AgentId from, String to, Optional<Long> replyTo) {
        return c.messages().send(new SendRequest(from, Address.parseList(to), Optional.empty(), "hello", Importance.NORMAL, true,
                Optional.empty(), replyTo)).sent();
    }

    private void assertLogIsCausal() {
        assertThat(CausalLog.violations(c.events().log(EventFilter.after(0, 100_000)).stream()
                .sorted((x, y) -> Long.compare(x.seq(), y.seq())).toList())).isEmpty();
    }

    @Test
    void claim_ofATaskCreatedByAnAgentAhead_isStampedAfterTheCreation() {
        Task t = create(ahead, "parser");
        assertThat(c.tasks().claim(behind, t.id(), false)).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(last("task.claim").stamp()).isGreaterThan(last("task.create").stamp());
        assertLogIsCausal();
    }

    @Test
    void claim_afterABlockersDone_isStampedAfterThatDone() {
        Task blocker = create(behind, "schema");
        Task blocked = create(behind, "parser", blocker.id());
        c.tasks().claim(ahead, blocker.id(), false);
        c.tasks().done(ahead, blocker.id(), Optional.empty(), Optional.empty());
        assertThat(c.tasks().claim(behind, blocked.id(), false)).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(last("task.claim").stamp()).isGreaterThan(last("task.done").stamp());
        assertLogIsCausal();
    }

    @Test
    void claimNext_afterABlockersDone_isStampedAfterThatDone() {
        Task blocker = create(behind, "schema");
        create(behind, "parser", blocker.id());
        c.tasks().claim(ahead, blocker.id(), false);
        c.tasks().done(ahead, blocker.id(), Optional.empty(), Optional.empty());
        assertThat(c.tasks().claimNext(behind, Optional.empty(), false)).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(last("task.claim").stamp()).isGreaterThan(last("task.done").stamp());
        assertLogIsCausal();
    }

    @Test
    void done_afterABlockerAddedAndDoneByAnother_isStampedAfterTheBlockersDone() {
        Task mine = create(behind, "parser");
        c.tasks().claim(behind, mine.id(), false);
        Task blocker = create(ahead, "schema");
        c.tasks().addDependency(ahead, new Dependency(blocker.id(), mine.id()));
        c.tasks().claim(ahead, blocker.id(), false);
        c.tasks().done(ahead, blocker.id(), Optional.empty(), Optional.empty());
        long blockerDone = last("task.done").stamp().value();
        c.tasks().done(behind, mine.id(), Optional.empty(), Optional.empty());
        assertThat(last("task.done").task()).contains(mine.id().text());
        assertThat(last("task.done").stamp().value()).isGreaterThan(blockerDone);
        assertLogIsCausal();
    }

    @Test
    void everyChangeOfAnotherAgentsTask_isStampedAfterItsLastChange() {
        Task t = create(ahead, "parser");
        long before = last("task.create").stamp().value();
        for (String kind : List.of("task.amend", "task.escalate", "task.block", "task.unblock", "task.cancel",
                "task.reopen")) {
            AgentId fresh = h.register("new-" + kind.substring(5)); // a clock at 1, far behind the task
            switch (kind) {
                case "task.amend" -> c.tasks().amend(fresh, t.id(), "more");
                case "task.escalate" -> c.tasks().escalate(fresh, t.id(), Optional.empty());
                case "task.block" -> c.tasks().block(fresh, t.id(), "waiting");
                case "task.unblock" -> c.tasks().unblock(fresh, t.id());
                case "task.cancel" -> c.tasks().cancel(fresh, t.id(), Optional.empty());
                default -> c.tasks().reopen(fresh, t.id(), Optional.empty());
            }
            assertThat(last(kind).stamp().value()).as(kind).isGreaterThan(before);
            before = last(kind).stamp().value();
        }
        assertLogIsCausal();
    }

    @Test
    void dependencyAndDecision_onTasksOfAnAgentAhead_areStampedAfterThem() {
        Task a = create(ahead, "a");
        Task b = create(ahead, "b");
        c.tasks().addDependency(behind, new Dependency(a.id(), b.id()));
        assertThat(last("task.dep_add").stamp()).isGreaterThan(last("task.create").stamp());
        setClock(ahead, 2 * AHEAD);
        c.tasks().amend(ahead, a.id(), "moved");
        c.decisions().decide(behind, "keep it", Optional.of(a.id()));
        assertThat(last("decision.record").stamp()).isGreaterThan(last("task.amend").stamp());
        assertLogIsCausal();
    }

    @Test
    void lock_afterAnotherAgentsUnlock_isStampedAfterTheRelease() {
        lock(ahead, "src/a.py");
        unlock(ahead, "src/a.py");
        assertThat(lock(behind, "src/a.py")).isInstanceOf(LockOutcome.Granted.class);
        assertThat(last("lease.grant").stamp()).isGreaterThan(last("lease.release").stamp());
        assertLogIsCausal();
    }

    @Test
    void lock_afterTheReleaseOfAnIntersectingGlob_isStampedAfterIt() {
        lock(ahead, "src/**");
        unlock(ahead, "src/**");
        assertThat(lock(behind, "src/deep/a.py")).isInstanceOf(LockOutcome.Granted.class);
        assertThat(last("lease.grant").stamp()).isGreaterThan(last("lease.release").stamp());
        assertLogIsCausal();
    }

    @Test
    void lock_ofAnUnrelatedFile_keepsItsOwnClock() {
        lock(ahead, "src/a.py");
        unlock(ahead, "src/a.py");
        long before = clock(behind);
        lock(behind, "docs/b.md");
        assertThat(last("lease.grant").stamp().value()).as("nothing on docs/b.md to come after").isEqualTo(before + 1);
    }

    @Test
    void lock_whenMoreThanAWindowOfEventsIsNewer_movesPastAllOfThem() {
        lock(ahead, "src/a.py");
        unlock(ahead, "src/a.py");
        for (int i = 0; i < Actor.WINDOW + 10; i++) {
            c.agents().heartbeat(ahead, Optional.empty(), Optional.empty());
        }
        lock(behind, "src/a.py");
        assertThat(last("lease.grant").stamp()).as("the release lies beyond the window").isGreaterThan(
                last("agent.heartbeat").stamp());
        assertLogIsCausal();
    }

    @Test
    void forcedRelease_andRenew_afterTheHoldersEvents_areStampedAfterThem() {
        lock(ahead, "src/a.py");
        c.leases().unlock(new UnlockRequest(behind, List.of("src/a.py"), Optional.empty(), true, Optional.of("stuck")));
        assertThat(last("lease.force_release").stamp()).isGreaterThan(last("lease.grant").stamp());
        lock(behind, "src/b.py");
        setClock(ahead, 2 * AHEAD);
        c.sessions().recordEdit(new SessionRef("claude", Optional.empty(), Optional.of(ahead)), dir,
                List.of(EditTarget.of("src/b.py")), "Edit");
        c.leases().renew(behind, List.of("src/b.py"), Optional.empty(), Optional.empty());
        assertThat(last("lease.renew").stamp()).as("after the other agent's edit of the file")
                .isGreaterThan(last("file.edit").stamp());
        assertLogIsCausal();
    }

    @Test
    void fileEdit_afterAnotherAgentsGrantOfTheFile_isStampedAfterIt() {
        lock(ahead, "src/a.py");
        c.sessions().recordEdit(new SessionRef("claude", Optional.empty(), Optional.of(behind)), dir,
                List.of(EditTarget.of("src/a.py")), "Edit");
        assertThat(last("file.edit").stamp()).isGreaterThan(last("lease.grant").stamp());
        assertLogIsCausal();
    }

    @Test
    void leave_releasesEachLeaseWithAnEventOnItsFile_stampedAfterOthersEventsThere() {
        lock(behind, "src/a.py");
        c.sessions().recordEdit(new SessionRef("claude", Optional.empty(), Optional.of(ahead)), dir,
                List.of(EditTarget.of("src/a.py")), "Edit");
        c.agents().leave(behind);
        Event released = last("lease.release");
        assertThat(released.path()).contains("src/a.py");
        assertThat(released.agent()).contains(behind);
        assertThat(released.data()).containsEntry("reason", "agent left");
        assertThat(released.stamp()).isGreaterThan(last("file.edit").stamp());
        assertLogIsCausal();
    }

    @Test
    void leaseVoidedWhileAway_isReleasedAfterTheGrantThatReplacedIt() {
        c.leases().lock(new LockRequest(behind, List.of("src/a.py"), LeaseMode.EXCLUSIVE, Optional.of(Duration.ofHours(8)),
                Optional.empty(), Optional.empty(), Optional.empty()));
        h.clock.advance(Duration.ofHours(3));
        assertThat(lock(ahead, "src/a.py")).as("the holder is offline").isInstanceOf(LockOutcome.Granted.class);
        c.agents().heartbeat(behind, Optional.empty(), Optional.empty());
        Event voided = last("lease.release");
        assertThat(voided.agent()).contains(behind);
        assertThat(voided.data()).containsEntry("reason", "holder was offline");
        assertThat(voided.stamp()).isGreaterThan(last("lease.grant").stamp());
        assertLogIsCausal();
    }

    @Test
    void ack_ofAMessageFromAnAgentAhead_isStampedAfterTheSend() {
        Message m = send(ahead, "behind", Optional.empty());
        c.messages().ack(behind, m.id());
        assertThat(last("message.ack").stamp()).isGreaterThan(m.stamp());
        assertLogIsCausal();
    }

    @Test
    void reply_toAMessage_isStampedAfterIt_evenUnreadByTheReplier() {
        h.register("third");
        Message original = send(ahead, "third", Optional.empty());
        Message reply = send(behind, "ahead", Optional.of(original.id()));
        assertThat(reply.stamp()).isGreaterThan(original.stamp());
        assertThat(last("message.send").data()).containsEntry("reply_to", original.id());
        assertThat(c.messages().thread(Long.toString(original.id()))).extracting(Message::id).contains(reply.id());
        assertLogIsCausal();
    }

    @Test
    void send_toARole_isStampedAfterTheRegistrationThatGaveTheRole() {
        c.agents().register(ahead, new AgentProfile(Optional.empty(), List.of(Role.of("reviewer")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
        Message m = send(behind, "@reviewer", Optional.empty());
        assertThat(m.stamp()).isGreaterThan(last("agent.register").stamp());
        assertLogIsCausal();
    }

    @Test
    void stopBlock_namingMessagesFromAnAgentAhead_isStampedAfterThem() {
        Message m = send(ahead, "behind", Optional.empty());
        assertThat(c.sessions().stop(new SessionRef("claude", Optional.empty(), Optional.of(behind))).blocks()).isTrue();
        assertThat(last("session.stop_block").stamp()).isGreaterThan(m.stamp());
        assertLogIsCausal();
    }

    @Test
    void summaryTurns_eachAfterTheOneBefore_collectAfterTheLast() {
        AgentId third = h.register("third");
        c.summaries().startSummary(ahead, Optional.of(List.of(behind, third)));
        c.summaries().writeSummary(behind, "parser done");
        long behindsTurn = last("summary.write").stamp().value();
        assertThat(behindsTurn).isGreaterThan(last("summary.start").stamp().value());
        c.summaries().writeSummary(third, "docs");
        long thirdsTurn = last("summary.write").stamp().value();
        assertThat(thirdsTurn).as("third's clock was far behind the turn before").isGreaterThan(behindsTurn);
        assertThat(clock(behind)).isLessThan(thirdsTurn);
        c.summaries().collectSummary(behind);
        assertThat(last("summary.collect").stamp().value()).isGreaterThan(thirdsTurn);
        setClock(third, 10 * AHEAD);
        c.agents().heartbeat(third, Optional.empty(), Optional.empty());
        c.agents().heartbeat(ahead, Optional.empty(), Optional.empty());
        c.summaries().startSummary(ahead, Optional.of(List.of(third)));
        c.summaries().writeSummary(third, "more docs");
        c.summaries().collectSummary(behind);
        assertThat(last("summary.collect").stamp().value()).as("after the new round's turn").isGreaterThan(10 * AHEAD);
        assertLogIsCausal();
    }

    @Test
    void sync_isStampedAfterThePointstampsItReads() {
        c.agents().heartbeat(ahead, Optional.of(1L), Optional.empty());
        long theirs = last("agent.heartbeat").stamp().value();
        c.frontiers().sync(behind, Optional.of(1L), Optional.empty());
        assertThat(clock(behind)).isGreaterThan(theirs);
        assertThat(last("agent.heartbeat").agent()).contains(behind);
        assertThat(last("agent.heartbeat").stamp().value()).isGreaterThan(theirs);
    }

    @Test
    void refusal_afterReadingStateAhead_changesNothing_notEvenTheClock() {
        Task t = create(ahead, "parser");
        c.tasks().claim(ahead, t.id(), false);
        long before = clock(behind);
        long seq = c.events().lastSeq();
        assertThat(c.tasks().claim(behind, t.id(), false)).isInstanceOf(ClaimOutcome.Held.class);
        assertThat(clock(behind)).isEqualTo(before);
        assertThat(c.events().lastSeq()).isEqualTo(seq);
    }
}
