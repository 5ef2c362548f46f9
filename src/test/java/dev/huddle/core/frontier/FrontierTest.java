package dev.huddle.core.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrontierTest {

    private static Participant at(String agent, long epoch, long round, Presence presence) {
        return new Participant(new AgentId(agent), new Pointstamp(epoch, round), presence);
    }

    private static Participant at(String agent, long epoch, long round) {
        return at(agent, epoch, round, Presence.ACTIVE);
    }

    private static List<String> blockers(FrontierVerdict v) {
        return v.blockers().stream().map(p -> p.agent().value()).toList();
    }

    @Nested
    class EpochOnly {

        @Test
        void evaluate_whenEveryEpochGreater_safe() {
            FrontierVerdict v = Frontier.evaluate(new FrontierQuery(1, null, false), List.of(at("a", 2, 0), at("b", 3, 1)));
            assertThat(v.safe()).isTrue();
            assertThat(v.participants()).isEqualTo(2);
        }

        @Test
        void evaluate_whenSameEpochLateRound_blocks() {
            FrontierVerdict v = Frontier.evaluate(new FrontierQuery(1, null, false), List.of(at("a", 1, 99), at("b", 2, 0)));
            assertThat(v.safe()).isFalse();
            assertThat(blockers(v)).containsExactly("a");
        }

        @Test
        void evaluate_whenNoParticipants_safe() {
            assertThat(Frontier.evaluate(new FrontierQuery(5, null, false), List.of()).safe()).isTrue();
        }
    }

    @Nested
    class EpochAndRound {

        @Test
        void evaluate_whenStrictlyPastPoint_safe() {
            FrontierQuery q = new FrontierQuery(1, 3L, false);
            assertThat(Frontier.evaluate(q, List.of(at("a", 1, 4), at("b", 2, 0))).safe()).isTrue();
        }

        @Test
        void evaluate_whenExactlyAtPoint_blocks() {
            FrontierVerdict v = Frontier.evaluate(new FrontierQuery(1, 3L, false), List.of(at("a", 1, 3), at("b", 1, 4)));
            assertThat(blockers(v)).containsExactly("a");
        }

        @Test
        void evaluate_whenEarlierEpochHighRound_blocks() {
            FrontierVerdict v = Frontier.evaluate(new FrontierQuery(2, 0L, false), List.of(at("a", 1, 50)));
            assertThat(blockers(v)).containsExactly("a");
        }
    }

    @Nested
    class Offline {

        @Test
        void evaluate_whenOfflineBehind_blocksWithPresence() {
            FrontierVerdict v = Frontier.evaluate(new FrontierQuery(0, null, false),
                    List.of(at("a", 1, 0), at("gone", 0, 0, Presence.OFFLINE)));
            assertThat(v.blockers()).singleElement().satisfies(p -> {
                assertThat(p.agent().value()).isEqualTo("gone");
                assertThat(p.presence()).isEqualTo(Presence.OFFLINE);
            });
        }

        @Test
        void evaluate_whenIgnoreOffline_offlineNeitherBlocksNorCounts() {
            FrontierVerdict v = Frontier.evaluate(new FrontierQuery(0, null, true),
                    List.of(at("a", 1, 0), at("gone", 0, 0, Presence.OFFLINE), at("slow", 0, 0, Presence.STALE)));
            assertThat(blockers(v)).containsExactly("slow");
            assertThat(v.participants()).isEqualTo(2);
        }
    }

    @Test
    void evaluate_whenSeveralBlock_sortedByPointstampThenAgent() {
        FrontierVerdict v = Frontier.evaluate(new FrontierQuery(5, null, false),
                List.of(at("d", 3, 0), at("c", 1, 2), at("b", 3, 0), at("a", 4, 9), at("e", 1, 1)));
        assertThat(blockers(v)).containsExactly("e", "c", "b", "d", "a");
    }
}
