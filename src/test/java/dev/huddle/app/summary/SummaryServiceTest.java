package dev.huddle.app.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.config.SettingsFile;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summary rounds: order, turns, idempotent steps, one report (DESIGN §4.7, §9). */
class SummaryServiceTest {

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;
    AgentId carol;

    @BeforeEach
    void setUp() {
        h = new TestHuddle(dir);
        carol = h.register("carol");
        h.clock.advance(Duration.ofMinutes(10));
        alice = h.register("alice");
        bob = h.register("bob");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void start_withoutOrder_ordersTheActiveAgentsById() {
        SummaryState s = h.coordinator.summaries().startSummary(bob, Optional.empty());
        assertThat(s.round().order()).as("carol is idle, not active").containsExactly(alice, bob);
        assertThat(s.turn()).contains(alice);
        assertThat(s.changed()).isTrue();
    }

    @Test
    void start_withoutOrder_usesHuddleTomlOrderWhenSet(@TempDir Path other) {
        var settings = SettingsFile.parse("[summary]\norder = [\"carol\", \"alice\"]\n", "huddle.toml");
        try (TestHuddle t = new TestHuddle(other, settings)) {
            t.register("carol");
            AgentId a = t.register("alice");
            assertThat(t.coordinator.summaries().startSummary(a, Optional.empty()).round().order())
                    .containsExactly(new AgentId("carol"), new AgentId("alice"));
        }
    }

    @Test
    void start_whileARoundIsOpen_sameRound_orRefusedForAnotherOrder() {
        SummaryState first = h.coordinator.summaries().startSummary(alice, Optional.of(List.of(bob, alice)));
        long seq = h.coordinator.events().lastSeq();
        SummaryState again = h.coordinator.summaries().startSummary(bob, Optional.empty());
        assertThat(again.round()).isEqualTo(first.round());
        assertThat(again.changed()).isFalse();
        assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        assertThatThrownBy(() -> h.coordinator.summaries().startSummary(alice, Optional.of(List.of(alice))))
                .hasMessageContaining("still open").hasMessageContaining("summary collect");
        assertThatThrownBy(() -> h.coordinator.summaries().startSummary(alice, Optional.of(List.of(new AgentId("zed")))))
                .isInstanceOf(HuddleException.class);
    }

    @Test
    void write_outOfTurn_refusedNamingWhoseTurn_andNothingWritten() {
        h.coordinator.summaries().startSummary(alice, Optional.of(List.of(alice, bob)));
        long seq = h.coordinator.events().lastSeq();
        assertThat(h.coordinator.summaries().writeSummary(bob, "me first"))
                .isInstanceOfSatisfying(SummaryOutcome.OutOfTurn.class, o -> assertThat(o.reason()).contains("alice's turn"));
        assertThat(h.coordinator.summaries().summaryStatus().orElseThrow().entries()).isEmpty();
        assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        assertThat(h.coordinator.summaries().writeSummary(carol, "x")).isInstanceOfSatisfying(SummaryOutcome.OutOfTurn.class,
                o -> assertThat(o.reason()).contains("not in summary round"));
    }

    @Test
    void write_inTurn_thenAgainWithTheSameText_unchanged() {
        h.coordinator.summaries().startSummary(alice, Optional.of(List.of(alice, bob)));
        var w = (SummaryOutcome.Written) h.coordinator.summaries().writeSummary(alice, "parser done");
        assertThat(w.state().changed()).isTrue();
        assertThat(w.state().turn()).contains(bob);
        long seq = h.coordinator.events().lastSeq();
        var again = (SummaryOutcome.Written) h.coordinator.summaries().writeSummary(alice, "parser done");
        assertThat(again.state().changed()).isFalse();
        assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        assertThat(h.coordinator.summaries().writeSummary(alice, "something else")).isInstanceOf(SummaryOutcome.OutOfTurn.class);
    }

    @Test
    void collect_mergesIntoOneReport_closesTheRound_andIsIdempotent() {
        h.coordinator.summaries().startSummary(alice, Optional.of(List.of(alice, bob)));
        h.coordinator.summaries().writeSummary(alice, "alice's part");
        h.coordinator.summaries().writeSummary(bob, "bob's part");
        SummaryReportView report = h.coordinator.summaries().collectSummary(carol);
        assertThat(report.markdown()).contains("# Summary round 1").contains(UntrustedFrame.OPEN)
                .contains("alice's part").contains("bob's part");
        assertThat(report.markdown().indexOf("alice's part")).isLessThan(report.markdown().indexOf("bob's part"));
        assertThat(report.state().round().open()).isFalse();
        long seq = h.coordinator.events().lastSeq();
        assertThat(h.coordinator.summaries().collectSummary(alice).markdown()).isEqualTo(report.markdown());
        assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        assertThatThrownBy(() -> h.coordinator.summaries().writeSummary(alice, "late")).hasMessageContaining("no summary round is open");
        assertThat(h.coordinator.summaries().startSummary(alice, Optional.empty()).round().id()).isEqualTo(2);
    }

    @Test
    void collect_whenNoRound_fails() {
        assertThatThrownBy(() -> h.coordinator.summaries().collectSummary(alice)).isInstanceOfSatisfying(HuddleException.class,
                e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.FAILED));
        assertThat(h.coordinator.summaries().summaryStatus()).isEmpty();
    }
}
