package dev.huddle.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTextTest {

    private static final int LIMIT = 64 * 1024;

    @Nested
    class Body {

        @Test
        void body_whenOrdinary_returnedUnchanged() {
            assertThat(MessageText.body("  hi\n", LIMIT)).isEqualTo("  hi\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n\t "})
        void body_whenEmptyOrBlank_refusedSayingHowToGiveText(String body) {
            assertThatThrownBy(() -> MessageText.body(body, LIMIT))
                    .isInstanceOfSatisfying(HuddleException.class, e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT))
                    .hasMessageContaining("message is empty");
        }

        @Test
        void body_whenNull_refused() {
            assertThatThrownBy(() -> MessageText.body(null, LIMIT)).isInstanceOf(HuddleException.class);
        }

        @Test
        void body_whenExactlyAtLimit_accepted() {
            String body = "x".repeat(LIMIT);
            assertThat(MessageText.body(body, LIMIT)).isSameAs(body);
        }

        @Test
        void body_whenOneByteOver_refusedNamingSizesAndSetting() {
            assertThatThrownBy(() -> MessageText.body("x".repeat(LIMIT + 1), LIMIT))
                    .isInstanceOf(HuddleException.class)
                    .hasMessageContaining("65 KiB").hasMessageContaining("64 KiB").hasMessageContaining("max_body_kib");
        }

        @Test
        void body_whenMultiByteCharacters_countedInUtf8Bytes() {
            String fits = "é".repeat(LIMIT / 2);
            assertThat(MessageText.body(fits, LIMIT)).isSameAs(fits);
            assertThatThrownBy(() -> MessageText.body(fits + "é", LIMIT)).isInstanceOf(HuddleException.class);
        }
    }

    @Nested
    class Subject {

        @Test
        void subject_whenNullOrOneLine_accepted() {
            assertThat(MessageText.subject(null)).isNull();
            assertThat(MessageText.subject("x".repeat(200))).hasSize(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "two\nlines"})
        void subject_whenBlankOrMultiLine_refused(String subject) {
            assertThatThrownBy(() -> MessageText.subject(subject)).isInstanceOf(HuddleException.class)
                    .hasMessageContaining("subject");
        }

        @Test
        void subject_whenOver200Characters_refused() {
            assertThatThrownBy(() -> MessageText.subject("x".repeat(201))).isInstanceOf(HuddleException.class);
        }
    }
}
