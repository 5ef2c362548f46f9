package dev.huddle.core.agent;

import dev.huddle.core.HuddleException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An agent's identity: {@code [a-z0-9][a-z0-9._-]{0,63}}, case-insensitive, stored lower-case
 * (DESIGN §4.1), so {@code Alice} and {@code alice} name the same agent.
 */
public record AgentId(String value) implements Comparable<AgentId> {

    // Written out rather than generated: a record's generated equals/hashCode bootstraps through
    // method handles on first use, 15-40 ms of a cold CLI start even with the AOT cache (measured).
    @Override
    public boolean equals(Object o) {
        return o instanceof AgentId other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public AgentId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw HuddleException.invalid("invalid agent id '" + printable(value)
                    + "': use 1-64 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Parses user input, folding case first. */
    public static AgentId of(String text) {
        return new AgentId(text == null ? null : text.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether the text is a well-formed id (after case folding). */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text.trim().toLowerCase(Locale.ROOT)).matches();
    }

    static String printable(String value) {
        return value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
