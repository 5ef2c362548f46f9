package dev.huddle.core.frontier;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;

/** An agent taking part in the frontier: registered and not departed. */
public record Participant(AgentId agent, Pointstamp at, Presence presence) {}
