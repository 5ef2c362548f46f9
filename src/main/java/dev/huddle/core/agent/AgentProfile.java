package dev.huddle.core.agent;

import java.util.List;
import java.util.Optional;

/**
 * The descriptive part of an agent: what it shows to others. Every field but the roles is
 * optional; an update names only the fields it changes (empty = keep).
 */
public record AgentProfile(
        Optional<String> displayName,
        List<Role> roles,
        Optional<String> program,
        Optional<String> model,
        Optional<String> task,
        Optional<String> worktree,
        Optional<String> branch) {

    public AgentProfile {
        roles = List.copyOf(roles);
    }

    public static AgentProfile empty() {
        return new AgentProfile(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This profile with every field present in {@code update} replaced; roles replaced when given. */
    public AgentProfile mergedWith(AgentProfile update) {
        return new AgentProfile(
                update.displayName.or(() -> displayName),
                update.roles.isEmpty() ? roles : update.roles,
                update.program.or(() -> program),
                update.model.or(() -> model),
                update.task.or(() -> task),
                update.worktree.or(() -> worktree),
                update.branch.or(() -> branch));
    }
}
