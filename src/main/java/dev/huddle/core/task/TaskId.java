package dev.huddle.core.task;

import dev.huddle.core.HuddleException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's id (DESIGN §4.6): its queue's prefix and a number counted per prefix, written
 * {@code T-12} or {@code REV-3}. Read case-insensitively ({@code t-12} is {@code T-12}); the
 * prefix is 1-10 upper-case letters or digits starting with a letter.
 */
public record TaskId(String prefix, long number) implements Comparable<TaskId> {

    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,9}");
    private static final Pattern FORM = Pattern.compile("([A-Z][A-Z0-9]{0,9})-([1-9][0-9]{0,17})");

    public TaskId {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw HuddleException.invalid("invalid task id prefix '" + prefix
                    + "': use 1-10 upper-case letters or digits, starting with a letter");
        }
        if (number < 1) {
            throw HuddleException.invalid("task numbers start at 1 (got " + number + ")");
        }
    }

    /** Reads {@code T-12}, {@code t-12} or {@code rev-3}; anything else is invalid input. */
    public static TaskId parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw HuddleException.invalid("invalid task id '" + printable(text)
                    + "': write the queue prefix, a dash and the number, e.g. T-12");
        }
        return new TaskId(m.group(1), Long.parseLong(m.group(2)));
    }

    /**
     * A free-text task reference (lock --task) in canonical form when it is a task id ({@code t-3}
     * → {@code T-3}), so the board finds it; any other text is kept as written.
     */
    public static String canonical(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return FORM.matcher(t).matches() ? t : text;
    }

    /** Whether {@code text} is a valid id prefix (what huddle.toml's id_prefix accepts). */
    public static boolean validPrefix(String text) {
        return text != null && PREFIX.matcher(text).matches();
    }

    public String text() {
        return prefix + "-" + number;
    }

    @Override
    public int compareTo(TaskId other) {
        int byPrefix = prefix.compareTo(other.prefix);
        return byPrefix != 0 ? byPrefix : Long.compare(number, other.number);
    }

    @Override
    public String toString() {
        return text();
    }

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
