package dev.huddle.integration.guard;

import dev.huddle.core.HuddleException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code git diff --name-status -z} (and {@code git log --name-status -z}) prints, read
 * exactly: fields end with NUL, so names are verbatim, spaces, newlines and non-ASCII included. A
 * record is a status ({@code A}, {@code M}, {@code D}, {@code T}, {@code U}, {@code X}, or
 * {@code R}/{@code C} with a similarity score such as {@code R100}) and one name, or two for a rename
 * or copy (old, then new).
 */
public final class NameStatus {

    /** One changed file: its status and its name(s), old name first for a rename or copy. */
    public record Change(String status, List<String> names) {

        public Change {
            names = List.copyOf(names);
        }

        public char kind() {
            return status.charAt(0);
        }

        /**
         * The names a commit of this change writes: both names of a rename (the old one is deleted),
         * only the new name of a copy (the source is left as it was), the name otherwise.
         */
        public List<String> touched() {
            return kind() == 'C' ? List.of(names.getLast()) : names;
        }
    }

    private NameStatus() {}

    /** Parses the NUL-separated output; empty fields between records are skipped. */
    public static List<Change> parse(String output) {
        String[] fields = output.split("\0", -1);
        List<Change> changes = new ArrayList<>();
        int i = 0;
        while (i < fields.length) {
            String status = fields[i++];
            if (status.isEmpty()) {
                continue;
            }
            if (!status.matches("[AMDTUXB][0-9]*|[RC][0-9]*")) {
                throw HuddleException.failed("unexpected output from git: status '" + status.replaceAll("\\p{Cntrl}", "?")
                        + "'; the git guard cannot tell which files change");
            }
            int count = status.charAt(0) == 'R' || status.charAt(0) == 'C' ? 2 : 1;
            if (i + count > fields.length || fields[i].isEmpty() || fields[i + count - 1].isEmpty()) {
                throw HuddleException.failed("unexpected output from git: status " + status + " without its file name");
            }
            changes.add(new Change(status, List.of(fields).subList(i, i + count)));
            i += count;
        }
        return changes;
    }

    /** Every name the changes write, each once, in order. */
    public static Set<String> touched(List<Change> changes) {
        Set<String> out = new LinkedHashSet<>();
        changes.forEach(c -> out.addAll(c.touched()));
        return out;
    }
}
