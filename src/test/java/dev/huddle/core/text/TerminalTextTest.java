package dev.huddle.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalTextTest {

    @Test
    void clean_whenPlainText_returnedUnchanged() {
        String text = "résumé: 3 tests\tpassed\nnext line ✓";
        assertThat(TerminalText.clean(text)).isSameAs(text);
    }

    @Test
    void clean_whenEscapeSequence_escapeShownNotSent() {
        assertThat(TerminalText.clean("a\u001b[2Jb\u001b]0;pwned\u0007c")).isEqualTo("a^[[2Jb^[]0;pwned^Gc");
    }

    @Test
    void clean_whenBellBackspaceCarriageReturn_replaced() {
        assertThat(TerminalText.clean("x\u0007y\by\rz\u0000")).isEqualTo("x^Gy^Hy^Mz^@");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u007f', '\u0080', '\u0085', '\u009b', '\u009d', '\u009f'})
    void clean_whenDeleteOrC1Control_replaced(char c) {
        assertThat(TerminalText.clean("a" + c + "b")).isEqualTo("a?b");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
        '\u2028', '\u2029'})
    void clean_whenBidiOverrideOrLineSeparator_replaced(char c) {
        assertThat(TerminalText.clean("ok" + c + "txt.exe")).isEqualTo("ok?txt.exe");
    }

    @Test
    void clean_whenNewlineAndTab_kept() {
        assertThat(TerminalText.clean("a\n\tb\n")).isEqualTo("a\n\tb\n");
    }

    @Test
    void clean_whenNull_empty() {
        assertThat(TerminalText.clean(null)).isEmpty();
    }

    @Test
    void oneLine_whenMultiLine_breaksBecomeSpacesAndControlsReplaced() {
        assertThat(TerminalText.oneLine("a\nb\tc\u001bd")).isEqualTo("a b c^[d");
    }

    @Test
    void clean_whenAnyControlCharacter_noneSurvive() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xa0; c++) {
            all.append(c);
        }
        String cleaned = TerminalText.clean(all.toString());
        assertThat(cleaned.chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\t')).isEmpty();
    }
}
