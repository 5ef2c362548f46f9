package dev.huddle.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SingleLineTest {

    @Test
    void printableText_anyScript_passesUnchanged() {
        String name = "Zoë · レビュー 🚀 [bot] <dev@x> \"quoted\"";
        assertThat(SingleLine.require("display name", name)).isSameAs(name);
        assertThat(SingleLine.require("display name", null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u001b', '\u0007', '\r', '\n', '\t', '\u0000', '\b', '\u007f', '\u0085', '\u009b',
            '\u2028', '\u2029', '\u202e', '\u2066'})
    void everyControlCharacter_isRefused_asInvalidInput_namingTheFieldAndPosition(char c) {
        assertThatThrownBy(() -> SingleLine.require("display name", "ab" + c + "cd"))
                .isInstanceOfSatisfying(HuddleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith("display name contains a control character")
                            .contains("at position 3").doesNotContain(String.valueOf(c));
                });
    }

    @Test
    void theCharacterIsNamed_soTheUserKnowsWhatToRemove() {
        assertThatThrownBy(() -> SingleLine.require("x", "a\u001b[31m")).hasMessageContaining("(ESC at position 2)");
        assertThatThrownBy(() -> SingleLine.require("x", "\u0007")).hasMessageContaining("(BEL at position 1)");
        assertThatThrownBy(() -> SingleLine.require("x", "a\rb")).hasMessageContaining("(CR at position 2)");
        assertThatThrownBy(() -> SingleLine.require("x", "\u202e")).hasMessageContaining("(U+202E at position 1)");
    }

    /** The rule and the terminal cleaning agree: whatever single-line accepts, clean leaves as it is. */
    @Test
    void whatIsAccepted_isWhatTerminalTextLeavesAlone() {
        for (char c = 0; c < 0x3000; c++) {
            String text = "a" + c + "b";
            boolean accepted;
            try {
                SingleLine.require("x", text);
                accepted = true;
            } catch (HuddleException e) {
                accepted = false;
            }
            boolean clean = TerminalText.oneLine(text).equals(text);
            assertThat(accepted).as("U+%04X", (int) c).isEqualTo(clean);
        }
    }
}
