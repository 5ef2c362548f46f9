package dev.huddle.core.edit;

import java.util.List;

/**
 * A path a tool call is about to write, as the call names it: absolute, or relative to the
 * directory the call runs in. {@code entries} is for copies and moves into a destination that
 * may be a directory ({@code cp a.py b.py dest}): when {@code path} turns out to be a directory,
 * the writes land at {@code path/entry} for each entry, and only those are checked.
 */
public record EditTarget(String path, List<String> entries) {

    public EditTarget {
        entries = List.copyOf(entries);
    }

    /** A plain file or directory path. */
    public static EditTarget of(String path) {
        return new EditTarget(path, List.of());
    }

    // Written out rather than generated: targets are compared on the hook's hot path, and a
    // generated equals/hashCode bootstraps through method handles on first use (measured).
    @Override
    public boolean equals(Object o) {
        return o instanceof EditTarget other && other.path.equals(path) && other.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? path : path + " (or " + entries + " inside it)";
    }
}
