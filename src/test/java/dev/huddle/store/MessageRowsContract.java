package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.message.Delivery;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MessageRows}: messages, one delivery record per recipient, threads and counts. */
abstract class MessageRowsContract extends StoreCase {

    @BeforeEach
    void agents() {
        register("alice", "bob", "carol");
    }

    private Optional<Delivery> delivery(Message m, String recipient) {
        return read((Tx tx) -> tx.messages().envelope(m.id(), id(recipient))).map(Envelope::delivery);
    }

    @Test
    void insert_whenEveryFieldSet_findReturnsItWithId() {
        Message asked = new Message(0, id("alice"), new LamportTime(41), T0.plusMillis(9), Optional.of("Re: parser"),
                "body with ünïcode, 'quotes' and \"more\"\nsecond line", Importance.URGENT, true,
                Optional.of("T-7"), Optional.of(3L), List.of("bob", "@qa", "all"));
        Message stored = write((Tx tx) -> tx.messages().insert(asked, List.of(id("bob"), id("carol"))));
        assertThat(stored.id()).isPositive();
        assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(asked);
        assertThat(read((Tx tx) -> tx.messages().find(stored.id()))).contains(stored);
    }

    @Test
    void insert_whenSeveralRecipients_oneUnreadDeliveryEach() {
        Message m = send("alice", "hello", "bob", "carol");
        assertThat(delivery(m, "bob")).contains(new Delivery(m.id(), id("bob"), Optional.empty(), Optional.empty(),
                Optional.empty()));
        assertThat(delivery(m, "carol")).isPresent();
        assertThat(delivery(m, "alice")).as("the sender is not a recipient").isEmpty();
        assertThat(read((Tx tx) -> tx.messages().inbox(id("alice"), true, 10))).isEmpty();
    }

    @Test
    void find_whenUnknownId_empty() {
        Message m = send("alice", "hello", "bob");
        assertThat(read((Tx tx) -> tx.messages().find(m.id() + 100))).isEmpty();
    }

    /** The next messages to hand over are found in the query, not among the first {@code limit} unread ones. */
    @Test
    void undelivered_skipsDeliveredReadAndOlder_howeverManyWaitBeforeThem() {
        List<Message> shown = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            shown.add(send("alice", "shown " + i, "bob"));
        }
        Message read = send("alice", "read", "bob");
        Message next = send("carol", "next", "bob", "carol");
        Message last = send("alice", "last", "bob");
        run(tx -> {
            shown.forEach(m -> tx.messages().markDelivered(m.id(), id("bob"), at(1)));
            tx.messages().markDelivered(read.id(), id("bob"), at(1));
            tx.messages().markRead(read.id(), id("bob"), at(1));
        });
        assertThat(read((Tx tx) -> tx.messages().undelivered(id("bob"), 0, 2))).extracting(e -> e.message().id())
                .containsExactly(next.id(), last.id());
        assertThat(read((Tx tx) -> tx.messages().undelivered(id("bob"), next.id(), 2))).extracting(e -> e.message().id())
                .containsExactly(last.id());
        assertThat(read((Tx tx) -> tx.messages().undelivered(id("bob"), 0, 1))).extracting(e -> e.message().id())
                .containsExactly(next.id());
        assertThat(read((Tx tx) -> tx.messages().undelivered(id("carol"), 0, 10))).singleElement()
                .satisfies(e -> assertThat(e.delivery().recipient()).isEqualTo(id("carol")));
    }

    @Test
    void inbox_whenSomeRead_unreadOnlyUnlessIncludeRead() {
        Message first = send("alice", "one", "bob");
        Message second = send("carol", "two", "bob");
        Message third = send("alice", "three", "bob", "carol");
        run(tx -> tx.messages().markRead(second.id(), id("bob"), at(1)));
        assertThat(read((Tx tx) -> tx.messages().inbox(id("bob"), false, 10))).extracting(e -> e.message().id())
                .containsExactly(first.id(), third.id());
        assertThat(read((Tx tx) -> tx.messages().inbox(id("bob"), true, 10))).extracting(e -> e.message().id())
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(read((Tx tx) -> tx.messages().inbox(id("bob"), true, 2))).extracting(e -> e.message().id())
                .containsExactly(first.id(), second.id());
        assertThat(read((Tx tx) -> tx.messages().inbox(id("carol"), false, 10))).singleElement()
                .satisfies(e -> assertThat(e.delivery().recipient()).isEqualTo(id("carol")));
    }

    /** Asked ahead, the inbox is as it was when asked, whatever was written before the read that carried it. */
    @Test
    void inboxAhead_isTheInboxAsAsked_andEqualToTheInboxReadThen() {
        Message first = send("alice", "one", "bob");
        Message second = send("carol", "two", "bob");
        List<List<Long>> seen = write((Tx tx) -> {
            tx.messages().markRead(first.id(), id("bob"), at(1));
            Supplier<List<Envelope>> unread = tx.messages().inboxAhead(id("bob"), false, 10);
            Supplier<List<Envelope>> all = tx.messages().inboxAhead(id("bob"), true, 1);
            tx.messages().markRead(second.id(), id("bob"), at(2));
            List<Long> now = tx.messages().inbox(id("bob"), false, 10).stream().map(e -> e.message().id()).toList();
            return List.of(unread.get().stream().map(e -> e.message().id()).toList(),
                    all.get().stream().map(e -> e.message().id()).toList(), now);
        });
        assertThat(seen).isEqualTo(List.of(List.of(second.id()), List.of(first.id()), List.of()));
    }

    /** LIMIT counts the recipient's own messages of the kind asked for, in id order: read and others' skipped first. */
    @Test
    void inbox_whenLimited_firstInIdOrder_ofTheRecipientsMessagesOfThatKind() {
        List<Message> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(i % 3 == 2 ? send("alice", "to carol " + i, "carol") : send(i % 2 == 0 ? "alice" : "carol",
                    "to bob " + i, "bob", "carol"));
        }
        // bob has 0, 1, 3, 4, 6, 7; carol all eight. bob reads 0 and 4, carol 1.
        run(tx -> {
            tx.messages().markRead(sent.get(0).id(), id("bob"), at(1));
            tx.messages().markRead(sent.get(4).id(), id("bob"), at(1));
            tx.messages().markRead(sent.get(1).id(), id("carol"), at(1));
        });
        assertThat(inbox("bob", false, 10)).containsExactly(ids(sent, 1, 3, 6, 7));
        assertThat(inbox("bob", false, 2)).containsExactly(ids(sent, 1, 3));
        assertThat(inbox("bob", true, 10)).containsExactly(ids(sent, 0, 1, 3, 4, 6, 7));
        assertThat(inbox("bob", true, 3)).containsExactly(ids(sent, 0, 1, 3));
        assertThat(inbox("carol", false, 3)).containsExactly(ids(sent, 0, 2, 3));
        assertThat(inbox("carol", true, 3)).containsExactly(ids(sent, 0, 1, 2));
        assertThat(read((Tx tx) -> tx.messages().inbox(id("bob"), true, 10))).allSatisfy(e -> {
            assertThat(e.delivery().recipient()).isEqualTo(id("bob"));
            assertThat(e.delivery().messageId()).isEqualTo(e.message().id());
        });
    }

    private List<Long> inbox(String recipient, boolean includeRead, int limit) {
        return read((Tx tx) -> tx.messages().inbox(id(recipient), includeRead, limit)).stream()
                .map(e -> e.message().id()).toList();
    }

    private static Long[] ids(List<Message> sent, int... which) {
        return java.util.Arrays.stream(which).mapToObj(i -> sent.get(i).id()).toArray(Long[]::new);
    }

    @Test
    void markRead_whenOneRecipientReads_othersStillUnread() {
        Message m = send("alice", "all hands", "bob", "carol");
        run(tx -> tx.messages().markRead(m.id(), id("bob"), at(2)));
        assertThat(delivery(m, "bob").orElseThrow().readAt()).contains(at(2));
        assertThat(delivery(m, "carol").orElseThrow().unread()).isTrue();
    }

    @Test
    void markDelivered_whenRepeated_firstTimeKeptAndStillUnread() {
        Message m = send("alice", "push", "bob");
        run(tx -> tx.messages().markDelivered(m.id(), id("bob"), at(1)));
        run(tx -> tx.messages().markDelivered(m.id(), id("bob"), at(9)));
        Delivery d = delivery(m, "bob").orElseThrow();
        assertThat(d.deliveredAt()).contains(at(1));
        assertThat(d.unread()).isTrue();
        assertThat(read((Tx tx) -> tx.messages().inbox(id("bob"), false, 10))).hasSize(1);
    }

    @Test
    void markRead_whenRepeated_firstTimeKept() {
        Message m = send("alice", "x", "bob");
        run(tx -> tx.messages().markRead(m.id(), id("bob"), at(1)));
        run(tx -> tx.messages().markRead(m.id(), id("bob"), at(9)));
        assertThat(delivery(m, "bob").orElseThrow().readAt()).contains(at(1));
    }

    @Test
    void markAcked_whenRepeated_firstTimeKept() {
        Message m = send("alice", "please ack", "bob");
        run(tx -> tx.messages().markAcked(m.id(), id("bob"), at(3)));
        run(tx -> tx.messages().markAcked(m.id(), id("bob"), at(8)));
        assertThat(delivery(m, "bob").orElseThrow().ackedAt()).contains(at(3));
    }

    @Test
    void envelope_whenRecipient_messageAndOwnDelivery() {
        Message m = send("alice", "x", "bob", "carol");
        run(tx -> tx.messages().markRead(m.id(), id("carol"), at(4)));
        Envelope e = read((Tx tx) -> tx.messages().envelope(m.id(), id("carol"))).orElseThrow();
        assertThat(e.message()).isEqualTo(m);
        assertThat(e.delivery().recipient()).isEqualTo(id("carol"));
        assertThat(e.delivery().readAt()).contains(at(4));
    }

    @Test
    void thread_whenKeyIsThreadOrOriginalId_messagesInSendOrder() {
        Message original = write((Tx tx) -> tx.messages().insert(message("alice", null, "q?", null), List.of(id("bob"))));
        String key = Long.toString(original.id());
        Message reply = write((Tx tx) -> tx.messages().insert(message("bob", null, "a!", key), List.of(id("alice"))));
        Message other = write((Tx tx) -> tx.messages().insert(message("bob", null, "t", "T-7"), List.of(id("alice"))));
        Message more = write((Tx tx) -> tx.messages().insert(message("carol", null, "t2", "T-7"), List.of(id("alice"))));
        assertThat(read((Tx tx) -> tx.messages().thread(key))).containsExactly(original, reply);
        assertThat(read((Tx tx) -> tx.messages().thread("T-7"))).containsExactly(other, more);
        assertThat(read((Tx tx) -> tx.messages().thread("nope"))).isEmpty();
        assertThat(read((Tx tx) -> tx.messages().thread("0" + key))).as("an id's text exactly, not a number like it")
                .isEmpty();
        assertThat(read((Tx tx) -> tx.messages().thread("99999999999999999999999"))).as("past any id").isEmpty();
        Message numbered = write((Tx tx) -> tx.messages().insert(message("bob", null, "n", Long.toString(more.id())),
                List.of(id("alice"))));
        assertThat(read((Tx tx) -> tx.messages().thread(Long.toString(more.id()))))
                .as("a thread named like an id, and that id's message").containsExactly(more, numbered);
    }

    @Test
    void unreadCount_countsTheRecipientsUnreadDeliveriesOnly() {
        Message first = send("alice", "x", "bob", "carol");
        send("alice", "y", "bob");
        send("bob", "z", "alice");
        run(tx -> tx.messages().markRead(first.id(), id("bob"), at(1)));
        run(tx -> tx.messages().markDelivered(first.id(), id("carol"), at(1)));
        assertThat(read((Tx tx) -> tx.messages().unreadCount(id("bob")))).isEqualTo(1);
        assertThat(read((Tx tx) -> tx.messages().unreadCount(id("carol")))).as("delivered is not read").isEqualTo(1);
        assertThat(read((Tx tx) -> tx.messages().unreadCount(id("alice")))).isEqualTo(1);
        assertThat(read((Tx tx) -> tx.messages().unreadCount(id("dave")))).isZero();
    }

    @Test
    void count_whenMessagesSent_countsMessagesNotDeliveries() {
        assertThat(read((Tx tx) -> tx.messages().count())).isZero();
        send("alice", "x", "bob", "carol");
        send("bob", "y", "alice");
        assertThat(read((Tx tx) -> tx.messages().count())).isEqualTo(2);
    }
}
