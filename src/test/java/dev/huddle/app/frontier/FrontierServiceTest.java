package dev.huddle.app.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontierServiceTest {

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;

    @BeforeEach
    void setUp() {
        h = new TestHuddle(dir);
        alice = h.register("alice");
        bob = h.register("bob");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    boolean safe(long epoch, Long round) {
        return h.coordinator.frontiers().frontier(new FrontierQuery(epoch, round, false), Optional.empty()).safe();
    }

    void beat(AgentId who, Long epoch, Long round) {
        h.coordinator.agents().heartbeat(who, Optional.ofNullable(epoch), Optional.ofNullable(round));
    }

    @Test
    void heartbeatWithoutEpoch_keepsEpoch() {
        beat(alice, 3L, 2L);
        beat(alice, null, null);
        assertThat(h.coordinator.agents().whoami(alice).agent().at()).isEqualTo(new Pointstamp(3, 2));
        beat(alice, null, 5L);
        assertThat(h.coordinator.agents().whoami(alice).agent().at()).isEqualTo(new Pointstamp(3, 5));
    }

    @Test
    void agentInEarlierEpoch_blocks_whateverItsRound() {
        beat(alice, 3L, 0L);
        beat(bob, 1L, 999L);
        var verdict = h.coordinator.frontiers().frontier(new FrontierQuery(1, null, false), Optional.empty());
        assertThat(verdict.safe()).isFalse();
        assertThat(verdict.blockers()).extracting(p -> p.agent()).containsExactly(bob);
        var withRound = h.coordinator.frontiers().frontier(new FrontierQuery(2, 0L, false), Optional.empty());
        assertThat(withRound.blockers()).extracting(p -> p.agent()).containsExactly(bob);
    }

    @Test
    void pointstampsAreLexicographic() {
        beat(alice, 2L, 0L);
        beat(bob, 1L, 9L);
        assertThat(safe(1, 8L)).isTrue();
        assertThat(safe(1, 9L)).isFalse();
        beat(bob, 2L, null);
        assertThat(safe(1, null)).isTrue();
        assertThat(h.coordinator.agents().whoami(bob).agent().at()).isEqualTo(new Pointstamp(2, 0));
    }

    @Test
    void heartbeatBackwards_isRefused() {
        beat(alice, 2L, 3L);
        assertThatThrownBy(() -> beat(alice, 1L, null)).hasMessageContaining("backwards");
        assertThatThrownBy(() -> beat(alice, null, 1L)).hasMessageContaining("backwards");
        assertThat(h.coordinator.agents().whoami(alice).agent().at()).isEqualTo(new Pointstamp(2, 3));
    }

    @Test
    void offlineAgent_blocks_unlessIgnored_andLeftAgentNoLongerBlocks() {
        beat(alice, 1L, null);
        h.clock.advance(Duration.ofHours(3));
        beat(alice, null, null);
        var verdict = h.coordinator.frontiers().frontier(new FrontierQuery(0, null, false), Optional.empty());
        assertThat(verdict.blockers()).singleElement().satisfies(p -> {
            assertThat(p.agent()).isEqualTo(bob);
            assertThat(p.presence().label()).isEqualTo("offline");
        });
        assertThat(h.coordinator.frontiers().frontier(new FrontierQuery(0, null, true), Optional.empty()).safe()).isTrue();
        h.coordinator.agents().leave(bob);
        assertThat(safe(0, null)).isTrue();
    }

    @Test
    void registerWithEpoch_startsThere() {
        AgentId late = AgentId.of("late");
        h.coordinator.agents().register(late, AgentProfile.empty(), Optional.of(4L));
        assertThat(h.coordinator.agents().whoami(late).agent().at()).isEqualTo(new Pointstamp(4, 0));
    }

    @Test
    void wait_returnsSafeOnceOthersAdvance_orNotSafeAfterTimeout() {
        beat(alice, 1L, null);
        var timedOut = h.coordinator.frontiers().frontier(new FrontierQuery(0, null, false), Optional.of(Duration.ofSeconds(5)));
        assertThat(timedOut.safe()).isFalse();
        try (var other = h.another(d -> beat(bob, 1L, null))) {
            // The pacer of this coordinator advances bob while the barrier waits: the wait must notice.
            assertThat(other.frontiers().frontier(new FrontierQuery(0, null, false), Optional.of(Duration.ofMinutes(1))).safe()).isTrue();
        }
    }

    @Test
    void sync_reportsFrontierOfPreviousEpoch_andReceives() {
        beat(bob, 1L, null);
        var result = h.coordinator.frontiers().sync(alice, Optional.of(1L), Optional.empty());
        assertThat(result.frontier()).hasValueSatisfying(v -> assertThat(v.safe()).isTrue());
        var notYet = h.coordinator.frontiers().sync(alice, Optional.of(2L), Optional.empty());
        assertThat(notYet.frontier()).hasValueSatisfying(v -> assertThat(v.safe()).isFalse());
    }
}
