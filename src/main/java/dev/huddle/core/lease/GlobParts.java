package dev.huddle.core.lease;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pure part of resolving a glob through the file system: its literal directory prefix (what
 * can be looked up like a path) and, for a repo path {@code p}, the patterns {@code r} such that
 * the glob matches {@code p/s} exactly when some {@code r} matches {@code s} ({@link #below}). With
 * those, a caller that finds a symbolic link at {@code p} to a directory {@code t} covers what the
 * glob reaches through the link as {@code t/r}.
 */
public final class GlobParts {

    private GlobParts() {}

    /** Whether text is written as a glob (any of {@code * ? [}, even escaped). */
    public static boolean isGlob(String text) {
        return ResourceText.hasGlobChars(text);
    }

    /**
     * The segments of a glob as written: split at separators, escapes kept. {@code .}, {@code ..}
     * and empty segments are kept too; they are the caller's to resolve.
     */
    public static List<String> segments(String glob) {
        return ResourceText.splitGlob(glob);
    }

    /** Whether a glob segment holds an unescaped wildcard. */
    public static boolean isWild(String segment) {
        return ResourceText.isWildSegment(segment);
    }

    /** The literal name a wildcard-free segment stands for. */
    public static String unescape(String segment) {
        return ResourceText.unescape(segment);
    }

    /** A name escaped so a glob reads it literally. */
    public static String escape(String literal) {
        return ResourceText.escape(literal);
    }

    /**
     * The patterns, relative to {@code path}, that {@code glob} matches below it: {@code docs/**}
     * below {@code docs/api} is {@code **}; {@code src/*}{@code /x/*.py} below {@code src/a} is
     * {@code x/*.py}; {@code a/**}{@code /b} below {@code a/x} is {@code **}{@code /b}. Empty when
     * the glob matches nothing below the path (it may still match the path itself). The union of
     * the returned patterns is exact: {@code glob} matches {@code path/s} iff one of them matches
     * {@code s}.
     *
     * @param glob a canonical glob ({@link Resource.GlobResource#pattern()})
     * @param path a canonical repo path, literal (not escaped)
     */
    public static List<String> below(String glob, String path) {
        Set<String> out = new LinkedHashSet<>();
        align(segments(glob), 0, List.of(path.split("/")), 0, out);
        return new ArrayList<>(out);
    }

    private static void align(List<String> pattern, int i, List<String> names, int j, Set<String> out) {
        if (j == names.size()) {
            if (i < pattern.size()) {
                out.add(String.join("/", pattern.subList(i, pattern.size())));
            }
            return;
        }
        if (i == pattern.size()) {
            return;
        }
        String segment = pattern.get(i);
        if (segment.length() >= 2 && segment.chars().allMatch(c -> c == '*')) { // '***' is '**' too, as in git
            align(pattern, i + 1, names, j, out); // ** matches no segment here
            align(pattern, i, names, j + 1, out); // ** swallows this name and maybe more
        } else if (Wildmatch.compile(segment).matches(names.get(j))) {
            align(pattern, i + 1, names, j + 1, out);
        }
    }
}
