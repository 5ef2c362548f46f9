package dev.huddle.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.agent.AgentId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LamportTimeTest {

    private static LamportTime t(long value) {
        return new LamportTime(value);
    }

    @Nested
    class Tick {

        @Test
        void tick_whenLocalEvent_addsOne() {
            assertThat(LamportTime.ZERO.tick()).isEqualTo(t(1));
            assertThat(t(41).tick()).isEqualTo(t(42));
        }

        @Test
        void tick_whenAtMaximum_refusesToWrap() {
            assertThatThrownBy(() -> t(Long.MAX_VALUE).tick()).isInstanceOf(ArithmeticException.class);
        }

        @Test
        void new_whenNegative_refused() {
            assertThatThrownBy(() -> t(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        }
    }

    @Nested
    class Receive {

        @Test
        void receive_whenRemoteAhead_movesPastRemote() {
            assertThat(t(3).receive(t(10))).isEqualTo(t(11));
        }

        @Test
        void receive_whenRemoteBehind_movesPastOwn() {
            assertThat(t(10).receive(t(3))).isEqualTo(t(11));
        }

        @Test
        void receive_whenEqual_addsOne() {
            assertThat(t(7).receive(t(7))).isEqualTo(t(8));
        }

        @Test
        void receive_always_greaterThanBoth() {
            for (long own = 0; own < 5; own++) {
                for (long remote = 0; remote < 5; remote++) {
                    LamportTime next = t(own).receive(t(remote));
                    assertThat(next).as("own %d remote %d", own, remote).isGreaterThan(t(own)).isGreaterThan(t(remote));
                }
            }
        }
    }

    @Nested
    class StampOrder {

        private final AgentId alice = new AgentId("alice");
        private final AgentId bob = new AgentId("bob");

        @Test
        void compare_whenTimesDiffer_timeDecides() {
            assertThat(new Stamp(t(1), bob)).isLessThan(new Stamp(t(2), alice));
        }

        @Test
        void compare_whenTimesEqual_agentIdBreaksTie() {
            assertThat(new Stamp(t(5), alice)).isLessThan(new Stamp(t(5), bob));
            assertThat(new Stamp(t(5), bob).compareTo(new Stamp(t(5), bob))).isZero();
        }

        @Test
        void sort_whenMixed_ordersByTimeThenAgent() {
            List<Stamp> stamps = new ArrayList<>(List.of(new Stamp(t(2), alice), new Stamp(t(1), bob),
                    new Stamp(t(2), bob), new Stamp(t(1), alice)));
            stamps.sort(Stamp.ORDER);
            assertThat(stamps).containsExactly(new Stamp(t(1), alice), new Stamp(t(1), bob),
                    new Stamp(t(2), alice), new Stamp(t(2), bob));
        }
    }
}
