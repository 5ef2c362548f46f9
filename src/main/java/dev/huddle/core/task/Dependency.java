package dev.huddle.core.task;

import dev.huddle.core.HuddleException;

/** "{@code blocker} blocks {@code blocked}": the blocked task is not ready until the blocker is resolved. */
public record Dependency(TaskId blocker, TaskId blocked) {

    public Dependency {
        if (blocker.equals(blocked)) {
            throw HuddleException.invalid("a task cannot block itself (" + blocker + ")");
        }
    }
}
