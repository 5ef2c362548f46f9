package dev.huddle.app.token;

import dev.huddle.core.agent.AgentId;

/** Who a request comes from, as its token says (never a field of the request, DESIGN §8). */
public record Principal(AgentId agent, boolean operator, String tokenId) {}
