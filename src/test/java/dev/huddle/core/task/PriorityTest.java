package dev.huddle.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityTest {

    @Test
    void parse_whenLevelInAnyCase_thatLevel() {
        assertThat(Priority.parse("P0")).isEqualTo(Priority.P0);
        assertThat(Priority.parse("p4")).isEqualTo(Priority.P4);
        assertThat(Priority.parse(" p1 ")).isEqualTo(Priority.P1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "P5", "P-1", "high", "", "PP2"})
    void parse_whenNotALevel_invalidInputListingTheLevels(String text) {
        assertThatThrownBy(() -> Priority.parse(text)).isInstanceOf(HuddleException.class)
                .hasMessageContaining("P0").hasMessageContaining("P4")
                .extracting(e -> ((HuddleException) e).kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
    }

    @Test
    void raised_isOneLevelMoreUrgent_andP0StaysP0() {
        assertThat(Priority.P3.raised()).isEqualTo(Priority.P2);
        assertThat(Priority.P1.raised()).isEqualTo(Priority.P0);
        assertThat(Priority.P0.raised()).isEqualTo(Priority.P0);
    }

    @Test
    void default_isP2() {
        assertThat(Priority.DEFAULT).isEqualTo(Priority.P2);
    }
}
