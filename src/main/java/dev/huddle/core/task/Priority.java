package dev.huddle.core.task;

import dev.huddle.core.HuddleException;
import java.util.Locale;

/**
 * How urgent a task is, P0 (most) to P4 (least); P2 when not given (DESIGN §9). Written
 * {@code P0}..{@code P4}, case-insensitive; a bare digit is refused, as a bare number is for
 * durations, so a typo never silently picks a level.
 */
public enum Priority {
    P0, P1, P2, P3, P4;

    public static final Priority DEFAULT = P2;

    public String label() {
        return name();
    }

    /** One level more urgent; P0 stays P0. */
    public Priority raised() {
        return this == P0 ? P0 : values()[ordinal() - 1];
    }

    public static Priority parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Priority p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw HuddleException.invalid("invalid priority '" + (text == null ? "" : text.replaceAll("\\p{Cntrl}", "?"))
                + "': use P0 (most urgent), P1, P2 (default), P3 or P4");
    }

    /** The level stored as a number, 0 for P0. */
    public static Priority ofRank(int rank) {
        return values()[rank];
    }
}
