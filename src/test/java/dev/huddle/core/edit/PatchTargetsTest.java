package dev.huddle.core.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PatchTargetsTest {

    @Nested
    class ApplyPatchEnvelope {

        @Test
        void of_whenAddUpdateDelete_everyFileInOrder() {
            String patch = """
                    *** Begin Patch
                    *** Add File: notes.txt
                    +hello
                    *** Update File: src/a.py
                    @@
                    -line two
                    +line 2
                    *** Delete File: old/gone.py
                    *** End Patch
                    """;
            assertThat(PatchTargets.of(patch)).containsExactly("notes.txt", "src/a.py", "old/gone.py");
        }

        @Test
        void of_whenMoved_bothNames() {
            String patch = "*** Begin Patch\n*** Update File: a.py\n*** Move to: lib/b.py\n@@\n-x\n+y\n*** End Patch\n";
            assertThat(PatchTargets.of(patch)).containsExactly("a.py", "lib/b.py");
        }

        @Test
        void of_whenRecordedCodexPayloads_theirFiles() {
            assertThat(PatchTargets.of("*** Begin Patch\n*** Add File: notes.txt\n+hello\n*** End Patch\n"))
                    .containsExactly("notes.txt");
            assertThat(PatchTargets.of("*** Begin Patch\n*** Update File: src.txt\n@@\n-line two\n+line 2\n*** End Patch\n"))
                    .containsExactly("src.txt");
        }

        @Test
        void of_whenHunkLinesLookLikeHeaders_notTargets() {
            String patch = "*** Begin Patch\n*** Update File: a.py\n@@\n+*** Add File: not-a-file\n"
                    + "--- x\n+++ y\n*** End Patch\n";
            assertThat(PatchTargets.of(patch)).containsExactly("a.py");
        }

        @Test
        void of_whenCrLfAndAbsolutePaths_keptAsWritten() {
            assertThat(PatchTargets.of("*** Begin Patch\r\n*** Add File: /abs/x.txt\r\n+1\r\n*** End Patch\r\n"))
                    .containsExactly("/abs/x.txt");
        }

        @Test
        void of_whenSameFileTwice_once() {
            assertThat(PatchTargets.of("*** Begin Patch\n*** Update File: a\n*** Update File: a\n*** End Patch"))
                    .containsExactly("a");
        }
    }

    @Nested
    class UnifiedDiff {

        @Test
        void of_whenGitDiff_prefixesDropped_devNullIgnored() {
            String diff = """
                    diff --git a/src/a.py b/src/a.py
                    --- a/src/a.py
                    +++ b/src/a.py
                    @@ -1 +1 @@
                    -a
                    +b
                    diff --git a/new.txt b/new.txt
                    new file mode 100644
                    --- /dev/null
                    +++ b/new.txt
                    @@ -0,0 +1 @@
                    +x
                    """;
            assertThat(PatchTargets.of(diff)).containsExactly("src/a.py", "new.txt");
        }

        @Test
        void of_whenRenamed_bothNames() {
            String diff = "diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to y\n";
            assertThat(PatchTargets.of(diff)).containsExactly("x", "y");
        }

        @Test
        void of_whenPlainDiffWithTimestamps_pathsBeforeTheTab() {
            String diff = "--- file.c\t2026-01-01 00:00:00\n+++ file.c\t2026-01-02 00:00:00\n@@ -1 +1 @@\n-a\n+b\n";
            assertThat(PatchTargets.of(diff)).containsExactly("file.c");
        }

        @Test
        void of_whenARemovedLineStartsWithDashes_notAHeader() {
            String diff = "--- a/f\n+++ b/f\n@@ -1,2 +1,1 @@\n--- not a header\n keep\n";
            assertThat(PatchTargets.of(diff)).containsExactly("f");
        }
    }

    @Test
    void of_whenNoPatch_empty() {
        assertThat(PatchTargets.of("just text")).isEmpty();
        assertThat(PatchTargets.of("")).isEmpty();
        assertThat(PatchTargets.of(null)).isEmpty();
    }
}
