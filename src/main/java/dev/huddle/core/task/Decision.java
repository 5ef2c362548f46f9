package dev.huddle.core.task;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import java.time.Instant;
import java.util.Optional;

/** A decision an agent recorded (DESIGN §4.7), linked to a task when one was named. */
public record Decision(long id, AgentId author, LamportTime stamp, Instant at, String text, Optional<TaskId> task) {}
