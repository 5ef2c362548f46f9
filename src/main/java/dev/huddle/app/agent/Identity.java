package dev.huddle.app.agent;

import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/**
 * Who the caller is: the id it acts as, whether its credential is an operator's, and its agent
 * record when the id is a registered agent. An operator need not be one (docs/decisions.md,
 * "Tokens": an operator token may name any id), so {@code agent} is empty only for an operator.
 */
public record Identity(AgentId id, boolean operator, Optional<AgentView> agent) {}
