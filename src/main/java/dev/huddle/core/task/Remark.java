package dev.huddle.core.task;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;
import java.util.Locale;

/**
 * One entry of a task's history written by an agent: an amendment, or the reason given with a
 * block, escalation, cancellation or reopening. Remarks only accumulate; they change no field.
 */
public record Remark(TaskId task, AgentId author, Instant at, Kind kind, String text) {

    /** Why the remark was written. */
    public enum Kind {
        AMEND, BLOCK, ESCALATE, CANCEL, REOPEN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }
}
