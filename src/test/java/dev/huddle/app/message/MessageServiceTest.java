package dev.huddle.app.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageServiceTest {

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;
    AgentId carol;

    @BeforeEach
    void setUp() {
        h = fixture(dir);
        alice = h.register("alice", "dev");
        bob = h.register("bob", "reviewer");
        carol = h.register("carol", "reviewer");
    }

    /** The fixture; the contract suite's subclass runs these same tests through a server. */
    /**
     * Returns once what a stream handed on to {@code agent} is recorded delivered: at once here,
     * where watchInbox records before it returns; through a server the record follows the write
     * (a failed write must leave the message undelivered), so a client that stops at the message
     * may look before the server's transaction commits.
     */
    void deliveriesRecorded(AgentId agent) {
    }

    TestHuddle fixture(Path dir) {
        return new TestHuddle(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    SendResult send(AgentId from, String to, String body) {
        return h.coordinator.messages().send(new SendRequest(from, Address.parseList(to), Optional.empty(), body, Importance.NORMAL,
                false, Optional.empty(), Optional.empty()));
    }

    @Nested
    class LamportClocks {

        @Test
        void recv_movesClockPastSendersStamp() {
            for (int i = 0; i < 30; i++) {
                h.coordinator.agents().heartbeat(alice, Optional.empty(), Optional.empty());
            }
            long sentAt = send(alice, "bob", "hi").sent().stamp().value();
            long bobBefore = h.coordinator.agents().whoami(bob).agent().clock().value();
            assertThat(bobBefore).isLessThan(sentAt);
            h.coordinator.messages().recv(bob, 10);
            // act() ticks once, then receiving sets max(own, T) + 1.
            assertThat(h.coordinator.agents().whoami(bob).agent().clock().value()).isEqualTo(sentAt + 1);
        }

        @Test
        void delivery_doesNotDependOnTimestamps_whenSenderClockIsFarBehind() {
            // Fewer than the sender's window of newer events (16), so its stamp is sifted, not moved past them.
            for (int i = 0; i < 10; i++) {
                h.coordinator.agents().heartbeat(bob, Optional.empty(), Optional.empty());
            }
            h.coordinator.messages().recv(bob, 10);
            var sent = send(alice, "bob", "from the past").sent();
            assertThat(sent.stamp().value()).isLessThan(h.coordinator.agents().whoami(bob).agent().clock().value());
            assertThat(h.coordinator.messages().recv(bob, 10)).extracting(e -> e.message().body()).containsExactly("from the past");
        }

        @Test
        void send_receivesFirst_andMarksThoseRead() {
            send(bob, "alice", "question");
            SendResult r = send(alice, "bob", "answer");
            assertThat(r.received()).extracting(e -> e.message().body()).containsExactly("question");
            assertThat(h.coordinator.messages().inbox(alice, false)).isEmpty();
            assertThat(r.sent().stamp().value()).isGreaterThan(r.received().getFirst().message().stamp().value());
        }
    }

    @Nested
    class Addressing {

        @Test
        void role_reachesEveryHolderButTheSender() {
            var r = send(bob, "@reviewer", "review please");
            assertThat(r.recipients()).containsExactly(carol);
        }

        @Test
        void all_isCaseInsensitive_andReachesEveryOtherAgent() {
            var r = send(alice, "ALL", "standup");
            assertThat(r.recipients()).containsExactlyInAnyOrder(bob, carol);
        }

        @Test
        void recipientsWithSpacesAndCase_areOneAgent() {
            var r = send(alice, "Bob, bob ,@REVIEWER", "x");
            assertThat(r.recipients()).containsExactlyInAnyOrder(bob, carol);
        }

        @Test
        void unknownRecipient_isRefused_andNothingIsStored() {
            long seq = h.coordinator.events().lastSeq();
            assertThatThrownBy(() -> send(alice, "bob,dave", "x")).hasMessageContaining("unknown recipient 'dave'");
            assertThatThrownBy(() -> send(alice, "@nobody", "x")).hasMessageContaining("@nobody");
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
            assertThat(h.coordinator.messages().inbox(bob, true)).isEmpty();
        }

        @Test
        void broadcast_whenAlone_sendsNothing() {
            h.coordinator.agents().leave(bob);
            h.coordinator.agents().leave(carol);
            assertThatThrownBy(() -> send(alice, "all", "anyone?")).hasMessageContaining("nothing was sent");
        }

        @Test
        void broadcastReadByOne_staysUnreadForOthers() {
            send(alice, "all", "news");
            h.coordinator.messages().recv(bob, 10);
            assertThat(h.coordinator.messages().inbox(carol, false)).hasSize(1);
            assertThat(h.coordinator.messages().inbox(bob, false)).isEmpty();
            assertThat(h.coordinator.messages().inbox(bob, true)).hasSize(1);
        }
    }

    @Nested
    class Bodies {

        @Test
        void emptyOrBlank_isInvalid() {
            for (String body : List.of("", "   ", "\n")) {
                assertThatThrownBy(() -> send(alice, "bob", body)).isInstanceOfSatisfying(HuddleException.class,
                        e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT));
            }
        }

        @Test
        void overLimit_isInvalid_atLimit_isSent() {
            assertThatThrownBy(() -> send(alice, "bob", "x".repeat(64 * 1024 + 1))).hasMessageContaining("over the limit");
            assertThat(send(alice, "bob", "x".repeat(64 * 1024)).sent().body()).hasSize(64 * 1024);
        }
    }

    @Nested
    class Threads {

        @Test
        void reply_withoutThread_startsThreadKeyedByOriginalId() {
            var original = send(alice, "bob", "proposal").sent();
            var reply = h.coordinator.messages().send(new SendRequest(bob, Address.parseList("alice"), Optional.empty(), "agreed",
                    Importance.NORMAL, false, Optional.empty(), Optional.of(original.id()))).sent();
            assertThat(reply.thread()).contains(Long.toString(original.id()));
            assertThat(h.coordinator.messages().thread(Long.toString(original.id()))).extracting(m -> m.body())
                    .containsExactly("proposal", "agreed");
        }

        @Test
        void search_findsByWords_andTreatsSyntaxAsText() {
            send(alice, "bob", "the migration script is ready");
            send(alice, "bob", "lunch?");
            assertThat(h.coordinator.messages().search("migration", 10)).extracting(m -> m.body())
                    .containsExactly("the migration script is ready");
            assertThat(h.coordinator.messages().search("\"unbalanced AND (", 10)).isEmpty();
        }
    }

    /** The stream operations, locally and (in the subclass) as server-sent events through a server. */
    @Nested
    class Streams {

        @Test
        void watchInbox_handsOnEachNewMessageOnce_inOrder_andRecordsItsDelivery() {
            long one = send(alice, "bob", "one").sent().id();
            send(alice, "carol", "not bob's");
            long two = send(carol, "bob", "two").sent().id();
            List<Long> seen = new java.util.ArrayList<>();
            h.coordinator.events().watchInbox(bob, java.time.Duration.ofSeconds(20), e -> {
                seen.add(e.message().id());
                return seen.size() < 2;
            });
            assertThat(seen).containsExactly(one, two);
            deliveriesRecorded(bob);
            assertThat(h.coordinator.messages().inbox(bob, false)).allSatisfy(e -> assertThat(e.delivery().deliveredAt()).isPresent());
            List<Long> again = new java.util.ArrayList<>();
            h.coordinator.events().watchInbox(bob, java.time.Duration.ofMillis(300), e -> again.add(e.message().id()));
            assertThat(again).isEmpty();
            assertThat(h.coordinator.messages().awaitInbox(bob, 0, java.time.Duration.ZERO)).isEmpty();
        }

        @Test
        void watch_followsTheLogInSequenceAfterAfterSeq_andReturnsTheLastSeqItSaw() {
            long start = h.coordinator.events().lastSeq();
            send(alice, "bob", "one");
            send(alice, "carol", "two");
            List<Long> seqs = new java.util.ArrayList<>();
            long last = h.coordinator.events().watch(dev.huddle.core.event.EventFilter.after(start, 1_000),
                    java.time.Duration.ofSeconds(20), e -> {
                        seqs.add(e.seq());
                        return seqs.size() < 2;
                    });
            assertThat(seqs).hasSize(2).isSorted().allSatisfy(seq -> assertThat(seq).isGreaterThan(start));
            assertThat(last).isEqualTo(seqs.getLast());
            long end = h.coordinator.events().watch(dev.huddle.core.event.EventFilter.after(h.coordinator.events().lastSeq(), 1_000),
                    java.time.Duration.ofMillis(300), e -> false);
            assertThat(end).isEqualTo(h.coordinator.events().lastSeq());
        }
    }

    @Nested
    class AwaitingInbox {

        @Test
        void aMessageNotYetShown_isReturnedAtOnce_markedDeliveredNotRead_andNotReturnedAgain() {
            long id = send(alice, "bob", "look at this").sent().id();
            var got = h.coordinator.messages().awaitInbox(bob, 0, java.time.Duration.ofMinutes(1));
            assertThat(got).extracting(e -> e.message().id()).containsExactly(id);
            var listed = h.coordinator.messages().inbox(bob, false);
            assertThat(listed).extracting(e -> e.message().id()).containsExactly(id);
            assertThat(listed.getFirst().delivery().deliveredAt()).isPresent();
            assertThat(h.coordinator.messages().awaitInbox(bob, 0, java.time.Duration.ZERO)).isEmpty();
        }

        /** Found by PostgresRestartIT: the waiter looked only among the oldest 500 unread messages. */
        @Test
        void aNewMessage_isFoundBehindMoreOlderUnreadOnesThanOneLookReads() {
            for (int i = 0; i < 520; i++) {
                send(alice, "bob", "old " + i);
            }
            assertThat(h.coordinator.messages().awaitInbox(bob, 0, java.time.Duration.ZERO)).hasSize(500);
            assertThat(h.coordinator.messages().awaitInbox(bob, 0, java.time.Duration.ZERO)).hasSize(20);
            long after = h.coordinator.messages().inbox(bob, true).getLast().message().id();
            long id = send(alice, "bob", "new").sent().id();
            assertThat(h.coordinator.messages().awaitInbox(bob, after, java.time.Duration.ofMinutes(1)))
                    .extracting(e -> e.message().id()).containsExactly(id);
        }

        @Test
        void aWaitThatRunsOut_returnsNothing_andOthersMessagesAreNotTheCallers() {
            send(alice, "carol", "for carol only");
            assertThat(h.coordinator.messages().awaitInbox(bob, 0, java.time.Duration.ofSeconds(30))).isEmpty();
            assertThat(h.coordinator.messages().inbox(carol, false).getFirst().delivery().deliveredAt()).isEmpty();
        }

        @Test
        void aMessageSentDuringTheWait_endsIt() {
            boolean[] sent = {false};
            try (var waiter = h.another(pause -> {
                if (!sent[0]) {
                    sent[0] = true;
                    send(alice, "bob", "arrived while waiting");
                }
                h.clock.advance(pause);
            })) {
                var got = waiter.messages().awaitInbox(bob, 0, java.time.Duration.ofMinutes(10));
                assertThat(got).extracting(e -> e.message().body()).containsExactly("arrived while waiting");
            }
        }

        @Test
        void onlyMessagesAfterTheGivenId_areDelivered() {
            long first = send(alice, "bob", "one").sent().id();
            long second = send(carol, "bob", "two").sent().id();
            assertThat(h.coordinator.messages().awaitInbox(bob, first, java.time.Duration.ZERO))
                    .extracting(e -> e.message().id()).containsExactly(second);
            assertThat(h.coordinator.messages().awaitInbox(bob, 0, java.time.Duration.ZERO))
                    .extracting(e -> e.message().id()).containsExactly(first);
        }

        @Test
        void aNegativeWait_isInvalid() {
            assertThatThrownBy(() -> h.coordinator.messages().awaitInbox(bob, 0, java.time.Duration.ofSeconds(-1)))
                    .isInstanceOf(HuddleException.class).hasMessageContaining("negative");
        }
    }

    @Test
    void ack_marksAcknowledgedAndRead() {
        long id = h.coordinator.messages().send(new SendRequest(alice, Address.parseList("bob"), Optional.of("deploy"), "ok to deploy?",
                Importance.HIGH, true, Optional.empty(), Optional.empty())).sent().id();
        var acked = h.coordinator.messages().ack(bob, id);
        assertThat(acked.delivery().ackedAt()).isPresent();
        assertThat(acked.delivery().readAt()).isPresent();
        assertThatThrownBy(() -> h.coordinator.messages().ack(carol, id)).hasMessageContaining("no message");
    }
}
