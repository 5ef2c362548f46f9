package dev.huddle.core.text;

import static dev.huddle.core.text.MarkedSection.BEGIN;
import static dev.huddle.core.text.MarkedSection.END;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MarkedSectionTest {

    private static final String USER = "# Agents\n\nBe nice.\n";

    @Nested
    class Upsert {

        @Test
        void upsert_whenEmptyFile_onlyTheBlock() {
            assertThat(MarkedSection.upsert("", "use huddle\n")).isEqualTo(BEGIN + "\nuse huddle\n" + END + "\n");
        }

        @Test
        void upsert_whenFileWithoutSection_appendedAfterBlankLine() {
            assertThat(MarkedSection.upsert(USER, "use huddle"))
                    .isEqualTo(USER + "\n" + BEGIN + "\nuse huddle\n" + END + "\n");
        }

        @Test
        void upsert_whenFileWithoutFinalNewline_stillOneBlankLine() {
            assertThat(MarkedSection.upsert("Be nice.", "x")).isEqualTo("Be nice.\n\n" + BEGIN + "\nx\n" + END + "\n");
        }

        @Test
        void upsert_whenSectionPresent_replacedInPlaceRestUntouched() {
            String before = "top\n\n" + BEGIN + "\nold\n" + END + "\nbottom\n";
            assertThat(MarkedSection.upsert(before, "new"))
                    .isEqualTo("top\n\n" + BEGIN + "\nnew\n" + END + "\nbottom\n");
        }

        @Test
        void upsert_whenRepeated_changesNothing() {
            String once = MarkedSection.upsert(USER, "use huddle");
            assertThat(MarkedSection.upsert(once, "use huddle")).isEqualTo(once);
            assertThat(MarkedSection.upsert(MarkedSection.upsert(once, "other"), "use huddle")).isEqualTo(once);
        }
    }

    @Nested
    class Remove {

        @Test
        void remove_whenAppendedBefore_restoresOriginal() {
            assertThat(MarkedSection.remove(MarkedSection.upsert(USER, "use huddle"))).isEqualTo(USER);
        }

        @Test
        void remove_whenSectionInMiddle_restRejoined() {
            String text = "top\n\n" + BEGIN + "\nx\n" + END + "\nbottom\n";
            assertThat(MarkedSection.remove(text)).isEqualTo("top\nbottom\n");
        }

        @Test
        void remove_whenNoSection_unchanged() {
            assertThat(MarkedSection.remove(USER)).isEqualTo(USER);
        }

        @Test
        void remove_whenOnlySection_empty() {
            assertThat(MarkedSection.remove(MarkedSection.upsert("", "x"))).isEmpty();
        }
    }
}
