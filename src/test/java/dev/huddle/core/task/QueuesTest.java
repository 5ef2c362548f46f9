package dev.huddle.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Role;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueuesTest {

    static Queue queue(String name, String handler, String prefix) {
        return new Queue(name, Optional.ofNullable(handler).map(Role::of), Optional.empty(), prefix);
    }

    @Test
    void defaultPrefix_isTheUpperCaseInitialsOfTheWords() {
        assertThat(Queue.defaultPrefix("reviews")).contains("R");
        assertThat(Queue.defaultPrefix("bug-triage")).contains("BT");
        assertThat(Queue.defaultPrefix("release_ops-night")).contains("RON");
        assertThat(Queue.defaultPrefix("2fa")).as("a prefix must start with a letter").isEmpty();
    }

    @Test
    void queues_alwaysHoldTheDefaultQueue_unlessConfigured() {
        assertThat(Queues.DEFAULT.names()).containsExactly("default");
        assertThat(new Queues(List.of(queue("reviews", "reviewer", "REV"))).names()).containsExactly("default", "reviews");
        Queue ownDefault = new Queue("default", Optional.empty(), Optional.of(Duration.ofHours(1)), "T");
        assertThat(new Queues(List.of(ownDefault)).require("default").sla()).contains(Duration.ofHours(1));
    }

    @Test
    void queues_whenTwoShareAPrefix_refusedNamingBoth() {
        assertThatThrownBy(() -> new Queues(List.of(queue("tests", null, "T"))))
                .isInstanceOf(HuddleException.class).hasMessageContaining("'default' and 'tests'")
                .hasMessageContaining("id_prefix");
    }

    @Test
    void require_whenUnknown_failsListingTheQueues() {
        assertThatThrownBy(() -> Queues.DEFAULT.require("reviews")).isInstanceOf(HuddleException.class)
                .hasMessageContaining("unknown queue 'reviews'").hasMessageContaining("default")
                .extracting(e -> ((HuddleException) e).kind()).isEqualTo(HuddleException.Kind.FAILED);
    }

    @Test
    void handledBy_whenNoHandler_everyone_elseOnlyTheRole() {
        Queues queues = new Queues(List.of(queue("reviews", "reviewer", "REV"), queue("ops", null, "OPS")));
        assertThat(queues.handledByOthers(List.of())).containsExactly("reviews");
        assertThat(queues.handledByOthers(List.of(Role.of("reviewer")))).isEmpty();
    }

    @Test
    void name_whenTyped_foldsCase_andRefusesOddCharacters() {
        assertThat(Queue.name("Reviews")).isEqualTo("reviews");
        assertThatThrownBy(() -> Queue.name("a b")).isInstanceOf(HuddleException.class);
    }

    @Test
    void dueAt_isCreationPlusTheSla() {
        Queue q = new Queue("q", Optional.empty(), Optional.of(Duration.ofMinutes(90)), "Q");
        assertThat(q.dueAt(TaskFixtures.NOON)).contains(TaskFixtures.NOON.plus(Duration.ofMinutes(90)));
        assertThat(Queue.DEFAULT.dueAt(TaskFixtures.NOON)).isEmpty();
    }
}
