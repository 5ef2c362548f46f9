package dev.huddle.app.agent;

/** The outcome of {@code register}: the agent, and whether it was new. */
public record Registration(AgentView agent, boolean created) {}
