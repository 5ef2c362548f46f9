package dev.huddle.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.Coordinator;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.app.message.SendRequest;
import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.edit.EditTarget;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Importance;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionServiceTest {

    @TempDir
    Path dir;
    TestHuddle h;
    Coordinator c;
    AgentId alice;

    @BeforeEach
    void setUp() {
        h = new TestHuddle(dir);
        c = h.coordinator;
        alice = h.register("alice", "lead");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    static SessionRef session(String program, String id) {
        return new SessionRef(program, Optional.of(id), Optional.empty());
    }

    AgentId open(SessionRef ref) {
        return c.sessions().openSession(ref, "startup").briefing().self().agent().id();
    }

    void send(AgentId from, String to, String body) {
        c.messages().send(new SendRequest(from, Address.parseList(to), Optional.empty(), body, Importance.NORMAL, false,
                Optional.empty(), Optional.empty()));
    }

    void lock(AgentId who, String path) {
        c.leases().lock(new LockRequest(who, List.of(path), LeaseMode.EXCLUSIVE, Optional.empty(), Optional.of("refactor"),
                Optional.of("T-7"), Optional.empty()));
    }

    static List<String> bodies(List<Envelope> envelopes) {
        return envelopes.stream().map(e -> e.message().body()).toList();
    }

    @Nested
    class Identity {

        @Test
        void openSession_whenSessionIsNew_registersAReadableId_andTheSessionKeepsIt() {
            SessionOpened first = c.sessions().openSession(session("claude", "s-1"), "startup");
            assertThat(first.registered()).isTrue();
            assertThat(first.briefing().self().agent().id()).isEqualTo(AgentId.of("claude-1"));
            assertThat(first.briefing().self().agent().profile().program()).contains("claude");
            SessionOpened again = c.sessions().openSession(session("claude", "s-1"), "resume");
            assertThat(again.registered()).isFalse();
            assertThat(again.briefing().self().agent().id()).isEqualTo(AgentId.of("claude-1"));
            assertThat(c.agents().agentForSession("s-1")).contains(AgentId.of("claude-1"));
        }

        @Test
        void openSession_twoSessions_neverShareAnIdOrADisplayName() {
            AgentId one = open(session("claude", "s-1"));
            AgentId two = open(session("claude", "s-2"));
            AgentId codex = open(session("codex", "s-3"));
            assertThat(List.of(one, two, codex)).extracting(AgentId::value).containsExactly("claude-1", "claude-2", "codex-1");
            assertThat(c.agents().agents(false)).extracting(v -> v.agent().displayName()).doesNotHaveDuplicates();
        }

        @Test
        void openSession_whenAnAgentIsNamed_itWins_andTheSessionIsBoundToIt() {
            AgentId named = open(new SessionRef("claude", Optional.of("s-9"), Optional.of(alice)));
            assertThat(named).isEqualTo(alice);
            assertThat(c.agents().agentForSession("s-9")).contains(alice);
        }

        @Test
        void openSession_whenTheNamedAgentIsNotRegistered_registersIt() {
            SessionOpened opened = c.sessions().openSession(new SessionRef("gemini", Optional.of("g-1"), Optional.of(AgentId.of("bob"))), "");
            assertThat(opened.registered()).isTrue();
            assertThat(c.agents().whoami(AgentId.of("bob")).agent().profile().program()).contains("gemini");
        }

        @Test
        void openSession_whenNoSessionAndNoName_failsSayingWhy() {
            assertThatThrownBy(() -> c.sessions().openSession(new SessionRef("claude", Optional.empty(), Optional.empty()), ""))
                    .isInstanceOf(HuddleException.class).hasMessageContaining("no session id");
        }

        @Test
        void openSession_briefsTheTeam_claimsAndReadyWork() {
            lock(alice, "src/a.py");
            SessionOpened opened = c.sessions().openSession(session("claude", "s-1"), "startup");
            assertThat(opened.briefing().status().agents()).hasSize(2);
            assertThat(opened.briefing().status().leases()).extracting(v -> v.lease().holder()).containsExactly(alice);
            assertThat(opened.claims()).isEmpty();
            assertThat(opened.ready().tasks()).isEmpty();
        }
    }

    @Nested
    class Messages {

        @Test
        void pushMessages_directRoleAndAll_eachDeliveredOnce_andStillUnreadInTheInbox() {
            AgentId me = open(session("claude", "s-1"));
            h.register("carol");
            c.agents().register(me, new dev.huddle.core.agent.AgentProfile(Optional.empty(), List.of(dev.huddle.core.agent.Role.of("dev")),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
            send(alice, me.value(), "direct");
            send(alice, "@dev", "by role");
            send(alice, "all", "to all");
            assertThat(bodies(c.sessions().pushMessages(session("claude", "s-1")).messages()))
                    .containsExactly("direct", "by role", "to all");
            assertThat(c.sessions().pushMessages(session("claude", "s-1")).messages()).isEmpty();
            assertThat(c.messages().inbox(me, false)).hasSize(3).allMatch(e -> e.delivery().deliveredAt().isPresent()
                    && e.delivery().readAt().isEmpty());
        }

        @Test
        void pushMessages_oneAgentsDelivery_neverHidesABroadcastFromAnother() {
            AgentId one = open(session("claude", "s-1"));
            AgentId two = open(session("codex", "s-2"));
            send(alice, "all", "everyone");
            assertThat(bodies(c.sessions().pushMessages(session("claude", "s-1")).messages())).containsExactly("everyone");
            assertThat(bodies(c.sessions().pushMessages(session("codex", "s-2")).messages())).containsExactly("everyone");
            assertThat(c.messages().inbox(one, false)).hasSize(1);
            assertThat(c.messages().inbox(two, false)).hasSize(1);
        }

        @Test
        void openSession_pushesTheUnreadMessages_soThePromptDoesNotRepeatThem() {
            AgentId me = open(session("claude", "s-1"));
            send(alice, me.value(), "while you were away");
            SessionOpened resumed = c.sessions().openSession(session("claude", "s-1"), "resume");
            assertThat(bodies(resumed.briefing().unread())).containsExactly("while you were away");
            assertThat(c.sessions().pushMessages(session("claude", "s-1")).messages()).isEmpty();
        }

        @Test
        void pushMessages_movesTheClockPastTheMessages_andLogsTheDelivery() {
            AgentId me = open(session("claude", "s-1"));
            for (int i = 0; i < 20; i++) {
                c.agents().heartbeat(alice, Optional.empty(), Optional.empty());
            }
            send(alice, me.value(), "late");
            long stamp = c.messages().inbox(me, false).getFirst().message().stamp().value();
            c.sessions().pushMessages(session("claude", "s-1"));
            assertThat(c.agents().whoami(me).agent().clock().value()).isGreaterThan(stamp);
            assertThat(c.events().log(new EventFilter(Optional.of(me), Optional.of(EventKind.DELIVER), Optional.empty(),
                    Optional.empty(), 0, 10))).hasSize(1);
        }
    }

    @Nested
    class Edits {

        @Test
        void mayEdit_whenAnotherAgentHoldsThePath_refusedNamingTheLease() {
            lock(alice, "src/a.py");
            EditCheck check = c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(EditTarget.of(dir + "/src/a.py")));
            assertThat(check.allowed()).isFalse();
            Lease held = check.checks().getFirst().blockers().getFirst().heldBy();
            assertThat(held.holder()).isEqualTo(alice);
            assertThat(held.reason()).contains("refactor");
            assertThat(held.task()).contains("T-7");
        }

        @Test
        void mayEdit_whenTheCallerHoldsIt_orNobody_allowed() {
            lock(alice, "src/a.py");
            assertThat(c.sessions().mayEdit(new SessionRef("claude", Optional.empty(), Optional.of(alice)), dir,
                    List.of(EditTarget.of("src/a.py"))).allowed()).isTrue();
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("src/b.py"))).allowed()).isTrue();
        }

        @Test
        void mayEdit_relativeTargets_areReadFromTheCallsDirectory() {
            lock(alice, "src/a.py");
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir.resolve("src"), List.of(EditTarget.of("a.py"))).allowed())
                    .isFalse();
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir.resolve("src"), List.of(EditTarget.of("../src/./a.py")))
                    .allowed()).isFalse();
        }

        @Test
        void mayEdit_outsideTheRepository_uncheckedAndNeverBlocks() {
            lock(alice, "**");
            EditCheck check = c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("/etc/hosts"),
                    EditTarget.of("../elsewhere.txt")));
            assertThat(check.allowed()).isTrue();
            assertThat(check.unchecked()).containsExactly("/etc/hosts", "../elsewhere.txt");
        }

        @Test
        void mayEdit_whenANameCannotBeAFile_uncheckedNotAFailure() throws Exception {
            Files.createDirectories(dir.resolve("src"));
            lock(alice, "src/a.py");
            EditCheck check = c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("bad\u0000name"),
                    new EditTarget("src", List.of("x\u0000y"))));
            assertThat(check.allowed()).isTrue();
            assertThat(check.unchecked()).hasSize(2);
        }

        @Test
        void mayEdit_theWholeRepository_conflictsWithAnyLease() {
            lock(alice, "deep/inside/x.py");
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("."))).allowed()).isFalse();
        }

        @Test
        void mayEdit_globTargets_conflictWhereTheyIntersect() {
            lock(alice, "src/a.py");
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("src/*.py"))).allowed()).isFalse();
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("src/*.go"))).allowed()).isTrue();
        }

        @Test
        void mayEdit_whenTheDestinationIsADirectory_onlyTheEntriesWrittenIntoItCount() throws Exception {
            Files.createDirectories(dir.resolve("out"));
            lock(alice, "out/other.py");
            EditTarget copy = new EditTarget("out", List.of("a.py"));
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(copy)).allowed()).isTrue();
            lock(alice, "out/a.py");
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(copy)).allowed()).isFalse();
        }

        @Test
        void mayEdit_whenTheHolderIsOffline_allowed() {
            lock(alice, "src/a.py");
            h.clock.advance(Duration.ofHours(3));
            assertThat(c.sessions().mayEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("src/a.py"))).allowed()).isTrue();
        }

        @Test
        void recordEdit_logsTheEdit_andRenewsTheCallersLeasesOnThePath() {
            AgentId me = open(session("claude", "s-1"));
            lock(me, "src");
            h.clock.advance(Duration.ofMinutes(20));
            EditRecorded recorded = c.sessions().recordEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("src/a.py")), "Write");
            assertThat(recorded.throughAnotherLease()).isFalse();
            assertThat(recorded.renewed()).hasSize(1);
            assertThat(recorded.renewed().getFirst().expiresAt()).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(30)));
            assertThat(c.leases().locks(false, Optional.of(me)).getFirst().lease().expiresAt())
                    .isEqualTo(h.clock.instant().plus(Duration.ofMinutes(30)));
            assertThat(c.events().log(new EventFilter(Optional.of(me), Optional.of(EventKind.FILE_EDIT), Optional.empty(),
                    Optional.of("src/a.py"), 0, 10))).hasSize(1);
        }

        @Test
        void recordEdit_afterTheLeaseRanOut_tellsItsHolder_once() {
            AgentId me = open(session("claude", "s-1"));
            lock(me, "src");
            h.clock.advance(Duration.ofMinutes(31));
            c.sessions().recordEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("src/a.py")), "Write");
            c.sessions().recordEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("src/b.py")), "Write");
            assertThat(c.messages().inbox(me, true)).singleElement().satisfies(e -> {
                assertThat(e.message().subject()).contains("lease on src expired");
                assertThat(e.message().body()).contains("lock it again (huddle lock src)");
            });
        }

        @Test
        void recordEdit_neverShortensALongerLease() {
            AgentId me = open(session("claude", "s-1"));
            c.leases().lock(new LockRequest(me, List.of("a.py"), LeaseMode.EXCLUSIVE, Optional.of(Duration.ofHours(4)),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            assertThat(c.sessions().recordEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("a.py")), "Edit").renewed()).isEmpty();
        }

        @Test
        void recordEdit_throughAnotherAgentsLease_saysSo() {
            lock(alice, "src/a.py");
            EditRecorded recorded = c.sessions().recordEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("src/a.py")), "Bash");
            assertThat(recorded.throughAnotherLease()).isTrue();
            assertThat(recorded.agent()).contains(AgentId.of("claude-1"));
        }

        @Test
        void recordEdit_whenNothingIsInTheRepository_touchesNothing() {
            EditRecorded recorded = c.sessions().recordEdit(session("claude", "s-1"), dir, List.of(EditTarget.of("/tmp/x")), "Write");
            assertThat(recorded.paths()).isEmpty();
            assertThat(c.agents().agentForSession("s-1")).isEmpty();
        }
    }

    @Nested
    class Stop {

        @Test
        void stop_whileADirectedMessageWaits_blocksOnce_deliveringIt() {
            AgentId me = open(session("claude", "s-1"));
            send(alice, me.value(), "answer me");
            StopVerdict first = c.sessions().stop(session("claude", "s-1"));
            assertThat(first.blocks()).isTrue();
            assertThat(bodies(first.blockOn())).containsExactly("answer me");
            assertThat(c.sessions().stop(session("claude", "s-1")).blocks()).isFalse();
            assertThat(c.messages().inbox(me, false).getFirst().delivery().deliveredAt()).isPresent();
        }

        @Test
        void stop_forABroadcast_orAMessageAlreadyPushed_doesNotBlock() {
            AgentId me = open(session("claude", "s-1"));
            send(alice, "all", "fyi");
            assertThat(c.sessions().stop(session("claude", "s-1")).blocks()).isFalse();
            send(alice, me.value(), "seen at the prompt");
            c.sessions().pushMessages(session("claude", "s-1"));
            assertThat(c.sessions().stop(session("claude", "s-1")).blocks()).isFalse();
        }

        @Test
        void stop_whenTheSameMessagesAreStillWaiting_neverBlocksTwiceInARow() throws Exception {
            AgentId me = open(session("claude", "s-1"));
            send(alice, me.value(), "one");
            assertThat(c.sessions().stop(session("claude", "s-1")).blocks()).isTrue();
            // As if the delivery had been lost: the same message is undelivered again.
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".huddle/huddle.db"))) {
                db.createStatement().executeUpdate("UPDATE deliveries SET delivered_at = NULL");
            }
            assertThat(c.sessions().stop(session("claude", "s-1")).blocks()).isFalse();
            send(alice, me.value(), "two");
            assertThat(bodies(c.sessions().stop(session("claude", "s-1")).blockOn())).containsExactly("one", "two");
        }

        @Test
        void stop_forARoleMessage_blocks() {
            AgentId me = open(new SessionRef("claude", Optional.of("s-1"), Optional.of(h.register("rev", "reviewer"))));
            send(alice, "@reviewer", "please review");
            assertThat(c.sessions().stop(new SessionRef("claude", Optional.of("s-1"), Optional.empty())).blocks()).isTrue();
            assertThat(me.value()).isEqualTo("rev");
        }

        @Test
        void stop_whenTheSessionIsUnknown_ends() {
            assertThat(c.sessions().stop(session("claude", "nobody")).blocks()).isFalse();
            assertThat(c.agents().agentForSession("nobody")).isEmpty();
        }
    }

    @Nested
    class End {

        @Test
        void closeSession_byDefault_goesIdleAndKeepsItsLeases() {
            AgentId me = open(session("claude", "s-1"));
            lock(me, "src/a.py");
            SessionClosed closed = c.sessions().closeSession(session("claude", "s-1"), "other");
            assertThat(closed.left()).isFalse();
            assertThat(c.agents().whoami(me).presence()).isEqualTo(Presence.IDLE);
            assertThat(c.leases().locks(false, Optional.of(me))).hasSize(1);
        }

        @Test
        void closeSession_whenConfiguredToRelease_leaves_andAResumedSessionIsTheSameAgentAgain() {
            try (TestHuddle releasing = new TestHuddle(dir.resolve("r"),
                    Settings.DEFAULTS.withHooks(Settings.HookErrorPolicy.DENY, true))) {
                Coordinator r = releasing.coordinator;
                AgentId me = r.sessions().openSession(session("codex", "c-1"), "startup").briefing().self().agent().id();
                r.leases().lock(new LockRequest(me, List.of("a.py"), LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()));
                SessionClosed closed = r.sessions().closeSession(session("codex", "c-1"), "other");
                assertThat(closed.left()).isTrue();
                assertThat(closed.released()).hasSize(1);
                assertThat(r.leases().locks(false, Optional.empty())).isEmpty();
                assertThat(r.agents().whoami(me).presence()).isEqualTo(Presence.OFFLINE);
                assertThat(r.sessions().openSession(session("codex", "c-1"), "resume").briefing().self().agent().id()).isEqualTo(me);
                assertThat(r.agents().whoami(me).presence()).isEqualTo(Presence.ACTIVE);
            }
        }

        @Test
        void closeSession_whenTheSessionIsUnknown_nothing() {
            SessionClosed closed = c.sessions().closeSession(session("claude", "nobody"), "other");
            assertThat(closed.agent()).isEmpty();
        }
    }
}
