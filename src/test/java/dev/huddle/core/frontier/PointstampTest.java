package dev.huddle.core.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PointstampTest {

    private static Pointstamp p(long epoch, long round) {
        return new Pointstamp(epoch, round);
    }

    @Nested
    class Order {

        @Test
        void compare_whenEpochsDiffer_epochDecidesWhateverTheRound() {
            assertThat(p(1, 9)).isLessThan(p(2, 0));
        }

        @Test
        void compare_whenEpochsEqual_roundDecides() {
            assertThat(p(2, 0)).isLessThan(p(2, 1));
            assertThat(p(2, 1).compareTo(p(2, 1))).isZero();
        }

        @Test
        void sort_whenMixed_lexicographic() {
            List<Pointstamp> all = new ArrayList<>(List.of(p(2, 0), p(0, 5), p(1, 9), p(1, 0)));
            all.sort(null);
            assertThat(all).containsExactly(p(0, 5), p(1, 0), p(1, 9), p(2, 0));
        }

        @Test
        void new_whenNegative_refusedAsInvalidInput() {
            assertThatThrownBy(() -> p(-1, 0)).isInstanceOfSatisfying(HuddleException.class,
                    e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT));
            assertThatThrownBy(() -> p(0, -1)).isInstanceOf(HuddleException.class);
        }
    }

    @Nested
    class AdvancedTo {

        @Test
        void advancedTo_whenBothOmitted_unchanged() {
            assertThat(p(3, 4).advancedTo(null, null)).isEqualTo(p(3, 4));
        }

        @Test
        void advancedTo_whenOnlyRoundGiven_keepsEpoch() {
            assertThat(p(3, 4).advancedTo(null, 7L)).isEqualTo(p(3, 7));
        }

        @Test
        void advancedTo_whenNewEpochWithoutRound_roundResetsToZero() {
            assertThat(p(3, 4).advancedTo(4L, null)).isEqualTo(p(4, 0));
        }

        @Test
        void advancedTo_whenSameEpochWithoutRound_keepsRound() {
            assertThat(p(3, 4).advancedTo(3L, null)).isEqualTo(p(3, 4));
        }

        @Test
        void advancedTo_whenNewEpochAndRound_takesBoth() {
            assertThat(p(3, 4).advancedTo(5L, 2L)).isEqualTo(p(5, 2));
        }

        @Test
        void advancedTo_whenEarlierEpoch_refusedNamingBoth() {
            assertThatThrownBy(() -> p(3, 4).advancedTo(2L, null))
                    .isInstanceOfSatisfying(HuddleException.class, e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.FAILED))
                    .hasMessageContaining("(3, 4)").hasMessageContaining("(2, 0)");
        }

        @Test
        void advancedTo_whenEarlierRound_refused() {
            assertThatThrownBy(() -> p(3, 4).advancedTo(null, 3L)).hasMessageContaining("backwards");
        }
    }
}
