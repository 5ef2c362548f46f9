package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void of_equalTexts_isEmpty() {
        assertThat(UnifiedDiff.of("f", "a\n", "a\n")).isEmpty();
        assertThat(UnifiedDiff.of("f", null, null)).isEmpty();
    }

    @Test
    void of_newFile_isAllAdded_fromDevNull() {
        assertThat(UnifiedDiff.of("f", null, "a\nb\n")).isEqualTo("--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    }

    @Test
    void of_removedFile_isAllDeleted_toDevNull() {
        assertThat(UnifiedDiff.of("f", "a\n", null)).isEqualTo("--- f\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
    }

    @Test
    void of_aChangeInTheMiddle_hasThreeLinesOfContext_deletionsFirst() {
        String before = lines(1, 10);
        String after = before.replace("5\n", "five\n");

        assertThat(UnifiedDiff.of("f", before, after))
                .isEqualTo("--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    }

    @Test
    void of_changesFarApart_areSeparateHunks() {
        String before = lines(1, 20);
        String after = before.replace("\n2\n", "\ntwo\n").replace("\n19\n", "\nnineteen\n");

        assertThat(UnifiedDiff.of("f", before, after)).contains("@@ -1,5 +1,5 @@").contains("@@ -16,5 +16,5 @@");
    }

    @Test
    void of_aMissingFinalNewline_isMarked() {
        assertThat(UnifiedDiff.of("f", "a", "a\n")).isEqualTo("--- f\n+++ f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n");
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> i + "\n").collect(Collectors.joining());
    }
}
