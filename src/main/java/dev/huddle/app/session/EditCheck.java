package dev.huddle.app.session;

import dev.huddle.app.lease.PathCheck;
import dev.huddle.core.agent.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * The answer to "may this agent edit these paths?" before a tool call: each path inside the
 * repository with the other agents' exclusive leases that stop it, and the targets that could not
 * be checked (outside the repository, or only known at run time), which never block.
 */
public record EditCheck(Optional<AgentId> caller, List<PathCheck> checks, List<String> unchecked) {

    public EditCheck {
        checks = List.copyOf(checks);
        unchecked = List.copyOf(unchecked);
    }

    public boolean allowed() {
        return checks.stream().allMatch(PathCheck::free);
    }
}
