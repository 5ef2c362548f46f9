package dev.huddle.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.message.SendRequest;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an agent's and an operator's event stream show (docs/decisions.md, "Push through the server"). */
class BoardViewTest {

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;
    AgentId carol;

    @BeforeEach
    void setUp() {
        h = new TestHuddle(dir);
        alice = h.register("alice");
        bob = h.register("bob");
        carol = h.register("carol");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private long send(AgentId from, String to, String body) {
        return h.coordinator.messages().send(new SendRequest(from, Address.parseList(to), Optional.empty(), body,
                Importance.NORMAL, false, Optional.empty(), Optional.empty())).sent().id();
    }

    private List<Event> log() {
        return h.coordinator.events().log(EventFilter.after(0, 1000));
    }

    private Event sendEvent(long id) {
        return log().stream().filter(e -> e.kind().equals(EventKind.SEND) && e.data().get("id") instanceof Number n
                && n.longValue() == id).findFirst().orElseThrow();
    }

    private Optional<BoardView.Shown> show(BoardView view, Event e) {
        return view.show(h.coordinator.messages(), e);
    }

    @Test
    void show_toTheRecipient_carriesTheMessage_andDeliversIt_withEveryLaterOne() {
        long first = send(alice, "bob", "one");
        long second = send(alice, "bob", "two");
        BoardView view = BoardView.of(Optional.of(bob), false);

        assertThat(show(view, sendEvent(first)).orElseThrow().message().orElseThrow().message().body()).isEqualTo("one");
        // Both were delivered by that one look: nothing waits for bob any more.
        assertThat(h.coordinator.messages().awaitInbox(bob, 0, Duration.ZERO)).isEmpty();
        assertThat(show(view, sendEvent(second)).orElseThrow().message().orElseThrow().message().body()).isEqualTo("two");
        // A resumed stream passing the event again carries the message again, as the inbox has it.
        assertThat(show(BoardView.of(Optional.of(bob), false), sendEvent(first)).orElseThrow().message()).isPresent();
    }

    @Test
    void show_toAnotherAgent_hidesOthersMessages_butShowsItsOwnAndTheBoard() {
        long id = send(alice, "bob", "private");
        h.coordinator.messages().read(bob, id);
        BoardView carols = BoardView.of(Optional.of(carol), false);
        BoardView alices = BoardView.of(Optional.of(alice), false);

        for (Event e : log()) {
            if (e.kind().startsWith("message.")) {
                assertThat(show(carols, e)).as(e.kind()).isEmpty();
            } else {
                assertThat(show(carols, e)).as(e.kind()).contains(new BoardView.Shown(e, Optional.empty()));
            }
        }
        assertThat(show(alices, sendEvent(id))).contains(new BoardView.Shown(sendEvent(id), Optional.empty()));
        assertThat(log().stream().filter(e -> e.kind().equals(EventKind.READ)).toList()).isNotEmpty()
                .allSatisfy(e -> assertThat(show(alices, e)).isEmpty());
    }

    @Test
    void show_toAnOperator_isEveryEventAsLogged_deliveringNothing() {
        send(alice, "bob", "hello");
        BoardView operator = BoardView.of(Optional.of(AgentId.of("ops")), true);

        for (Event e : log()) {
            assertThat(show(operator, e)).contains(new BoardView.Shown(e, Optional.empty()));
        }
        assertThat(h.coordinator.messages().awaitInbox(bob, 0, Duration.ZERO)).hasSize(1);
    }

    @Test
    void show_toACallerOfNoAgent_hidesEveryMessageEvent() {
        long id = send(alice, "bob", "hello");
        assertThat(show(BoardView.of(Optional.empty(), false), sendEvent(id))).isEmpty();
    }
}
