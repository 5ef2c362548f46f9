package dev.huddle.integration.install;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, as {@code diff -u} prints it: {@code ---}/{@code +++} headers
 * ({@code /dev/null} for a missing side), hunks with three lines of context. What {@code --dry-run}
 * shows. Line-based, from a longest-common-subsequence table: settings files are small; past a
 * size limit the whole text is shown as replaced.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 16_000_000L;

    private UnifiedDiff() {}

    /**
     * The diff from {@code before} to {@code after} (null: the file does not exist), both sides
     * labelled {@code name}; empty when the texts are equal.
     */
    public static String of(String name, String before, String after) {
        if (java.util.Objects.equals(before, after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : name).append('\n');
        out.append("+++ ").append(after == null ? "/dev/null" : name).append('\n');
        for (int start = 0; start < edits.size(); ) {
            int first = next(edits, start);
            if (first < 0) {
                break;
            }
            int end = hunkEnd(edits, first);
            hunk(out, edits, Math.max(0, first - CONTEXT), Math.min(edits.size(), end + CONTEXT));
            start = Math.min(edits.size(), end + CONTEXT);
        }
        return out.toString();
    }

    private record Edit(char op, String line, int aLine, int bLine) {}

    /** Lines with their newline state: a last line without one is marked as diff marks it. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            out.add(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (!last.isEmpty()) {
            out.add(last + "\n\\ No newline at end of file");
        }
        return out;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Edit> out = new ArrayList<>();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                out.add(new Edit('-', a.get(i), i + 1, 0));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Edit('+', b.get(j), n, j + 1));
            }
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i), ++i, ++j));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Edit('-', a.get(i), ++i, j));
            } else {
                out.add(new Edit('+', b.get(j), i, ++j));
            }
        }
        return out;
    }

    private static int next(List<Edit> edits, int from) {
        for (int k = from; k < edits.size(); k++) {
            if (edits.get(k).op() != ' ') {
                return k;
            }
        }
        return -1;
    }

    /** The index after the last change of the hunk starting at {@code first}: changes closer than 2×context join. */
    private static int hunkEnd(List<Edit> edits, int first) {
        int last = first;
        for (int k = first; k < edits.size(); k++) {
            if (edits.get(k).op() != ' ') {
                last = k;
            } else if (k - last > 2 * CONTEXT) {
                break;
            }
        }
        return last + 1;
    }

    private static void hunk(StringBuilder out, List<Edit> edits, int from, int to) {
        int aStart = 0;
        int bStart = 0;
        int aCount = 0;
        int bCount = 0;
        for (int k = from; k < to; k++) {
            Edit e = edits.get(k);
            if (e.op() != '+') {
                aCount++;
                aStart = aStart == 0 ? e.aLine() : aStart;
            }
            if (e.op() != '-') {
                bCount++;
                bStart = bStart == 0 ? e.bLine() : bStart;
            }
        }
        Edit first = edits.get(from);
        aStart = aCount == 0 ? first.aLine() : aStart;
        bStart = bCount == 0 ? first.bLine() : bStart;
        out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
        for (int k = from; k < to; k++) {
            out.append(edits.get(k).op()).append(edits.get(k).line()).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }
}
