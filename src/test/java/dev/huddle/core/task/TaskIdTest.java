package dev.huddle.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdTest {

    @Test
    void parse_whenAnyCase_isTheSameId() {
        assertThat(TaskId.parse("t-12")).isEqualTo(new TaskId("T", 12));
        assertThat(TaskId.parse(" Rev-3 ")).isEqualTo(new TaskId("REV", 3));
        assertThat(TaskId.parse("b2-7").text()).isEqualTo("B2-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "T", "T-", "-1", "T1", "T-0", "T-01", "1-1", "T-1x", "T--1", "ABCDEFGHIJK-1", "T-1-2",
            "T -1", "T-\u001b1", "Ä-1", "T-1234567890123456789"})
    void parse_whenMalformed_invalidInputNamingTheForm(String text) {
        assertThatThrownBy(() -> TaskId.parse(text)).isInstanceOf(HuddleException.class)
                .hasMessageContaining("e.g. T-12")
                .extracting(e -> ((HuddleException) e).kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
    }

    @Test
    void parse_whenNull_invalidInput() {
        assertThatThrownBy(() -> TaskId.parse(null)).isInstanceOf(HuddleException.class);
    }

    @Test
    void constructor_whenPrefixOrNumberInvalid_refused() {
        assertThatThrownBy(() -> new TaskId("t", 1)).isInstanceOf(HuddleException.class);
        assertThatThrownBy(() -> new TaskId("T", 0)).isInstanceOf(HuddleException.class);
    }

    @Test
    void compareTo_ordersByPrefixThenNumericallyNotByText() {
        List<TaskId> ids = new ArrayList<>(List.of(TaskId.parse("T-10"), TaskId.parse("REV-2"), TaskId.parse("T-9"),
                TaskId.parse("T-1")));
        ids.sort(null);
        assertThat(ids).extracting(TaskId::text).containsExactly("REV-2", "T-1", "T-9", "T-10");
    }

    @Test
    void validPrefix_matchesWhatIdsAccept() {
        assertThat(TaskId.validPrefix("REV")).isTrue();
        assertThat(TaskId.validPrefix("R2D2")).isTrue();
        assertThat(TaskId.validPrefix("rev")).isFalse();
        assertThat(TaskId.validPrefix("2R")).isFalse();
        assertThat(TaskId.validPrefix("ABCDEFGHIJK")).isFalse();
    }
}
