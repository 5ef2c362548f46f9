package dev.huddle.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void title_whenEmpty_invalidSayingATitleIsNeeded(String title) {
        assertThatThrownBy(() -> TaskText.title(title)).isInstanceOf(HuddleException.class)
                .hasMessageContaining("needs a title")
                .extracting(e -> ((HuddleException) e).kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
    }

    @Test
    void title_whenMultiLineOrTooLong_invalid_elseStripped() {
        assertThatThrownBy(() -> TaskText.title("a\nb")).hasMessageContaining("one line");
        assertThatThrownBy(() -> TaskText.title("x".repeat(201))).hasMessageContaining("200");
        assertThat(TaskText.title("  Fix it  ")).isEqualTo("Fix it");
    }

    @Test
    void label_whenCommaSpaceOrControl_invalid() {
        for (String bad : new String[] {"a,b", "a b", "", "-x", "a\u0007"}) {
            assertThatThrownBy(() -> TaskText.label(bad)).as(bad).isInstanceOf(HuddleException.class);
        }
        assertThat(TaskText.label("area/parser")).isEqualTo("area/parser");
    }

    @Test
    void body_whenEmptyOrOversized_invalidNamingWhat() {
        assertThatThrownBy(() -> TaskText.body(" ", 100, "the conclusion")).hasMessageStartingWith("the conclusion is empty");
        assertThatThrownBy(() -> TaskText.body("x".repeat(2048), 1024, "the description"))
                .hasMessageContaining("over the limit of 1 KiB");
        assertThat(TaskText.body("ok", 10, "x")).isEqualTo("ok");
    }
}
