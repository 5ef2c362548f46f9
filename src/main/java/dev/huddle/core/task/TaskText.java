package dev.huddle.core.task;

import dev.huddle.core.HuddleException;
import dev.huddle.core.text.SingleLine;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Validation of what agents write on the board: titles, labels and longer texts. */
public final class TaskText {

    /** Longest title, in characters: a title is one line, shown in lists. */
    public static final int MAX_TITLE = 200;

    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._:/-]{0,63}");

    private TaskText() {}

    public static String title(String title) {
        if (title == null || title.isBlank()) {
            throw HuddleException.invalid("a task needs a title: 'huddle task new TITLE'");
        }
        String t = title.strip();
        if (t.contains("\n") || t.length() > MAX_TITLE) {
            throw HuddleException.invalid("a task title is one line of at most " + MAX_TITLE
                    + " characters; put details in --description");
        }
        return SingleLine.require("the task title", t);
    }

    public static String label(String label) {
        if (label == null || !LABEL.matcher(label.strip()).matches()) {
            throw HuddleException.invalid("invalid label '" + (label == null ? "" : label.replaceAll("\\p{Cntrl}", "?"))
                    + "': use 1-64 letters, digits, '.', '_', ':', '/' or '-', starting with a letter or digit");
        }
        return label.strip();
    }

    /** A description, conclusion, remark, decision or summary: non-empty and within {@code maxBytes}. */
    public static String body(String text, int maxBytes, String what) {
        if (text == null || text.isBlank()) {
            throw HuddleException.invalid(what + " is empty: give the text as arguments or '-' to read it from stdin");
        }
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw HuddleException.invalid(what + " is " + (size + 1023) / 1024 + " KiB, over the limit of "
                    + maxBytes / 1024 + " KiB ([messages] max_body_kib in huddle.toml)");
        }
        return text;
    }
}
