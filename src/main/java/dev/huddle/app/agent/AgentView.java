package dev.huddle.app.agent;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.Presence;

/** An agent as others see it now. */
public record AgentView(Agent agent, Presence presence) {}
