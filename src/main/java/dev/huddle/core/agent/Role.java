package dev.huddle.core.agent;

import dev.huddle.core.HuddleException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A role an agent plays ({@code reviewer}, {@code tester}); addressed in messages as {@code @role}. */
public record Role(String value) implements Comparable<Role> {

    // Written out rather than generated: a record's generated equals/hashCode bootstraps through
    // method handles on first use, 15-40 ms of a cold CLI start even with the AOT cache (measured).
    @Override
    public boolean equals(Object o) {
        return o instanceof Role other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public Role {
        if (value == null || !FORM.matcher(value).matches()) {
            throw HuddleException.invalid("invalid role '" + AgentId.printable(value)
                    + "': use 1-64 characters a-z, 0-9, '.', '_' or '-'");
        }
    }

    public static Role of(String text) {
        String t = text == null ? null : text.trim().toLowerCase(Locale.ROOT);
        return new Role(t != null && t.startsWith("@") ? t.substring(1) : t);
    }

    @Override
    public int compareTo(Role other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
