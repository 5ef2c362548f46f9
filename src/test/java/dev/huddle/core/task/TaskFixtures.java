package dev.huddle.core.task;

import dev.huddle.core.agent.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tasks for core tests: open, unassigned, P2, created at a minute after noon. */
final class TaskFixtures {

    static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");

    private TaskFixtures() {}

    static Task open(String id) {
        return open(id, Priority.P2, 0);
    }

    static Task open(String id, Priority priority, long minute) {
        return new Task(TaskId.parse(id), "default", "task " + id, Optional.empty(), priority, TaskStatus.OPEN,
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), new AgentId("alice"),
                NOON.plus(Duration.ofMinutes(minute)), NOON.plus(Duration.ofMinutes(minute)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1);
    }

    static Task with(Task t, TaskStatus status) {
        return new Task(t.id(), t.queue(), t.title(), t.description(), t.priority(), status, t.assignee(),
                t.claimToken(), t.files(), t.labels(), t.parent(), t.createdBy(), t.createdAt(), t.updatedAt(),
                t.claimedAt(), t.due(), t.blockedReason(), t.conclusion(), t.version());
    }

    static AgentId agent(String id) {
        return new AgentId(id);
    }
}
