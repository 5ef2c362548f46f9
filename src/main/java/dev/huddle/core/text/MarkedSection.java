package dev.huddle.core.text;

/**
 * A block of text that Huddle owns inside a file someone else owns (AGENTS.md): kept between
 * two marker lines, replaced in place when present, appended otherwise, so re-running changes
 * nothing and the rest of the file is never touched.
 */
public final class MarkedSection {

    public static final String BEGIN = "<!-- huddle:begin -->";
    public static final String END = "<!-- huddle:end -->";

    private MarkedSection() {}

    /** The file's text with the section set to {@code body}. */
    public static String upsert(String existing, String body) {
        String block = BEGIN + "\n" + body.strip() + "\n" + END + "\n";
        int start = existing.indexOf(BEGIN);
        int end = existing.indexOf(END, Math.max(start, 0));
        if (start >= 0 && end > start) {
            int after = end + END.length();
            if (after < existing.length() && existing.charAt(after) == '\n') {
                after++;
            }
            return existing.substring(0, start) + block + existing.substring(after);
        }
        if (existing.isEmpty()) {
            return block;
        }
        return existing + (existing.endsWith("\n") ? "\n" : "\n\n") + block;
    }

    /** The file's text without the section (and without the blank line that separated it). */
    public static String remove(String existing) {
        int start = existing.indexOf(BEGIN);
        int end = existing.indexOf(END, Math.max(start, 0));
        if (start < 0 || end < start) {
            return existing;
        }
        int after = end + END.length();
        if (after < existing.length() && existing.charAt(after) == '\n') {
            after++;
        }
        String before = existing.substring(0, start);
        if (before.endsWith("\n\n")) {
            before = before.substring(0, before.length() - 1);
        }
        return before + existing.substring(after);
    }
}
