package dev.huddle.core.task;

import dev.huddle.core.HuddleException;
import java.util.Locale;

/**
 * Where a task stands (DESIGN §4.6). Done and cancelled tasks are <em>resolved</em>: as blockers
 * they no longer block (DESIGN §9).
 */
public enum TaskStatus {
    OPEN, CLAIMED, BLOCKED, DONE, CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Done or cancelled: finished one way or the other, blocking nothing. */
    public boolean resolved() {
        return this == DONE || this == CANCELLED;
    }

    public static TaskStatus parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HuddleException.invalid("unknown task status '" + text.replaceAll("\\p{Cntrl}", "?")
                    + "': use open, claimed, blocked, done or cancelled");
        }
    }
}
