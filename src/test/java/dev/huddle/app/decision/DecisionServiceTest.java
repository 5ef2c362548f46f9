package dev.huddle.app.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.task.NewTask;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.TaskId;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionServiceTest {

    @Test
    void decide_recordsTextAuthorAndTask_andLogsIt(@TempDir Path dir) {
        try (TestHuddle h = new TestHuddle(dir)) {
            AgentId alice = h.register("alice");
            TaskId t = h.coordinator.tasks().create(new NewTask(alice, "t", Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(), List.of(), Optional.empty(), List.of())).id();
            Decision d = h.coordinator.decisions().decide(alice, "use SQLite", Optional.of(t));
            Decision free = h.coordinator.decisions().decide(alice, "ship friday", Optional.empty());
            assertThat(d.task()).contains(t);
            assertThat(h.coordinator.decisions().decisions(Optional.empty(), 10)).containsExactly(d, free);
            assertThat(h.coordinator.decisions().decisions(Optional.of(t), 10)).containsExactly(d);
            assertThat(h.coordinator.events().log(new EventFilter(Optional.empty(), Optional.of("decision"), Optional.of("T-1"),
                    Optional.empty(), 0, 10))).singleElement().satisfies(e -> assertThat(e.stamp()).isEqualTo(d.stamp()));
        }
    }

    @Test
    void decide_whenTaskUnknownOrTextEmpty_refused_andNothingRecorded(@TempDir Path dir) {
        try (TestHuddle h = new TestHuddle(dir)) {
            AgentId alice = h.register("alice");
            long seq = h.coordinator.events().lastSeq();
            assertThatThrownBy(() -> h.coordinator.decisions().decide(alice, "x", Optional.of(TaskId.parse("T-4"))))
                    .isInstanceOfSatisfying(HuddleException.class, e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.FAILED));
            assertThatThrownBy(() -> h.coordinator.decisions().decide(alice, " ", Optional.empty()))
                    .isInstanceOfSatisfying(HuddleException.class,
                            e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT));
            assertThat(h.coordinator.decisions().decisions(Optional.empty(), 10)).isEmpty();
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }
    }
}
