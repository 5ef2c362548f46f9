package dev.huddle.core.edit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a patch changes, read from its text. Two formats: Codex's {@code apply_patch}
 * envelope ({@code *** Begin Patch} ... with {@code *** Add File:}, {@code *** Update File:},
 * {@code *** Delete File:} and {@code *** Move to:} lines, paths as the model wrote them,
 * usually relative), and unified diffs as {@code git apply} and {@code patch} read them
 * ({@code --- a/x} / {@code +++ b/x} header pairs, {@code diff --git}, {@code rename from/to};
 * the {@code a/} and {@code b/} prefixes dropped, {@code /dev/null} ignored). A renamed or moved
 * file counts under both names. A diff header is a {@code ---} line directly followed by a
 * {@code +++} line, so hunk lines are not mistaken for headers.
 */
public final class PatchTargets {

    private static final String[] ENVELOPE = {"*** Add File:", "*** Update File:", "*** Delete File:", "*** Move to:"};

    private PatchTargets() {}

    /** The paths in order of first mention, without duplicates; empty for text that names none. */
    public static List<String> of(String patch) {
        Set<String> out = new LinkedHashSet<>();
        if (patch == null) {
            return List.of();
        }
        String[] lines = patch.split("\n", -1);
        boolean envelope = patch.contains("*** Begin Patch");
        for (int k = 0; k < lines.length; k++) {
            String line = strip(lines[k]);
            if (envelope) {
                for (String marker : ENVELOPE) {
                    if (line.startsWith(marker)) {
                        add(out, line.substring(marker.length()).strip(), false);
                    }
                }
            } else if (line.startsWith("--- ") && k + 1 < lines.length && strip(lines[k + 1]).startsWith("+++ ")) {
                add(out, diffPath(line.substring(4)), true);
                add(out, diffPath(strip(lines[k + 1]).substring(4)), true);
                k++;
            } else if (line.startsWith("rename from ") || line.startsWith("rename to ")) {
                add(out, line.substring(line.startsWith("rename from ") ? 12 : 10).strip(), false);
            }
        }
        return new ArrayList<>(out);
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A header's path: up to a tab (diff puts the time there), quotes removed. */
    private static String diffPath(String header) {
        int tab = header.indexOf('\t');
        String p = (tab < 0 ? header : header.substring(0, tab)).strip();
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            p = p.substring(1, p.length() - 1);
        }
        return p;
    }

    private static void add(Set<String> out, String path, boolean prefixed) {
        if (path.isEmpty() || path.equals("/dev/null")) {
            return;
        }
        out.add(prefixed && (path.startsWith("a/") || path.startsWith("b/")) ? path.substring(2) : path);
    }
}
