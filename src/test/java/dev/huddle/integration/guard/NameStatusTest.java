package dev.huddle.integration.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameStatusTest {

    @Test
    void parse_addedModifiedDeleted_withSpacesAndNonAscii() {
        List<NameStatus.Change> changes = NameStatus.parse("A\0new file.txt\0M\0ünïcödé/名前.md\0D\0old\0");

        assertThat(changes).containsExactly(new NameStatus.Change("A", List.of("new file.txt")),
                new NameStatus.Change("M", List.of("ünïcödé/名前.md")), new NameStatus.Change("D", List.of("old")));
    }

    @Test
    void parse_renameAndCopy_haveTwoNames_aRenameTouchesBoth_aCopyOnlyItsTarget() {
        List<NameStatus.Change> changes = NameStatus.parse("R100\0a b.txt\0c d.txt\0C075\0src.c\0copy.c\0");

        assertThat(changes.get(0).names()).containsExactly("a b.txt", "c d.txt");
        assertThat(changes.get(0).touched()).containsExactly("a b.txt", "c d.txt");
        assertThat(changes.get(1).touched()).containsExactly("copy.c");
        assertThat(NameStatus.touched(changes)).containsExactly("a b.txt", "c d.txt", "copy.c");
    }

    @Test
    void parse_namesWithNewlinesTabsAndQuotes_areExact() {
        assertThat(NameStatus.parse("M\0line\nbreak\t\"q\"\0").getFirst().names()).containsExactly("line\nbreak\t\"q\"");
    }

    @Test
    void parse_emptyOutput_andEmptyFieldsBetweenCommits() {
        assertThat(NameStatus.parse("")).isEmpty();
        assertThat(NameStatus.touched(NameStatus.parse("M\0a\0\0M\0a\0A\0b\0"))).containsExactly("a", "b");
    }

    @Test
    void parse_malformed_isAFailureNamingTheStatus() {
        assertThatThrownBy(() -> NameStatus.parse("Q\0a\0")).isInstanceOf(HuddleException.class).hasMessageContaining("'Q'");
        assertThatThrownBy(() -> NameStatus.parse("R100\0only-one\0")).hasMessageContaining("without its file name");
    }
}
