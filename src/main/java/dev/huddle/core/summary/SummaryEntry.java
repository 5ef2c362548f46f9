package dev.huddle.core.summary;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;

/** What one agent wrote in a round. */
public record SummaryEntry(long round, AgentId author, Instant at, String text) {}
