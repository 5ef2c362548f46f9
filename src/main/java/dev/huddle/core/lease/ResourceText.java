package dev.huddle.core.lease;

import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource.NamedResource;
import java.util.ArrayList;
import java.util.List;

/**
 * The written form of paths and globs: character checks, segment splitting and escaping shared
 * by {@link ResourceParser}, the resource records and {@link Wildmatch}.
 */
final class ResourceText {

    private ResourceText() {}

    /** Refuses empty text, control characters and lone surrogates, none of which a repo path holds. */
    static void requireClean(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw HuddleException.invalid("empty " + what + ": give a path, a glob such as 'src/**', or name:NAME");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw HuddleException.invalid(what + " '" + printable(text) + "' contains a control character");
            }
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw HuddleException.invalid(what + " '" + printable(text) + "' is not valid Unicode");
            }
        }
    }

    /** Whether the text is written as a glob: any of {@code * ? [}, even escaped. */
    static boolean hasGlobChars(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    /** Whether a glob segment has an unescaped wildcard, so it cannot be resolved like a directory name. */
    static boolean isWildSegment(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits a glob at its separators. An escaped slash ({@code \/}) is a separator too, as git
     * matches it against a plain {@code /}; other escapes stay in their segment.
     */
    static List<String> splitGlob(String glob) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            boolean escapedSlash = c == '\\' && i + 1 < glob.length() && glob.charAt(i + 1) == '/';
            if (c == '/' || escapedSlash) {
                segments.add(current.toString());
                current.setLength(0);
                i += escapedSlash ? 1 : 0;
            } else {
                current.append(c);
                if (c == '\\' && i + 1 < glob.length()) {
                    current.append(glob.charAt(++i));
                }
            }
        }
        segments.add(current.toString());
        return segments;
    }

    /** Escapes a directory name taken from the file system so a glob reads it literally. */
    static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            if (c == '\\' || c == '*' || c == '?' || c == '[') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The literal name a wildcard-free glob segment stands for. */
    static String unescape(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            out.append(c == '\\' && i + 1 < segment.length() ? segment.charAt(++i) : c);
        }
        return out.toString();
    }

    /**
     * Refuses text that is not already normalised (leading or doubled slashes, a trailing slash,
     * {@code .} or {@code ..} segments): records hold canonical text only, so equal resources
     * have equal text in the store.
     */
    static void requireCanonical(String text, List<String> segments, String what) {
        boolean clean = !text.startsWith("/") && String.join("/", segments).equals(text)
                && segments.stream().noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
        if (!clean) {
            throw HuddleException.invalid(what + " '" + printable(text) + "' is not a normalised repo-relative "
                    + what + " (no leading '/', '//', '.', '..' or trailing '/')");
        }
        if (text.startsWith(NamedResource.PREFIX)) {
            throw HuddleException.invalid(what + " '" + printable(text) + "' would read as a named resource;"
                    + " write it as the glob '[n]" + printable(text.substring(1)) + "'");
        }
    }

    /** The text with control characters shown as {@code ?}, safe for one line of stderr. */
    static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
