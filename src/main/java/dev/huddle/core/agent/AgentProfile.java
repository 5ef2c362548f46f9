package dev.huddle.core.agent;

import dev.huddle.core.text.SingleLine;
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

    /**
     * This profile, when every field is one line of printable text (roles are checked by {@link Role}):
     * a display name or task with ESC, BEL or CR would act on every terminal and context that shows it.
     */
    public AgentProfile requireSingleLines() {
        displayName.ifPresent(v -> SingleLine.require("display name", v));
        program.ifPresent(v -> SingleLine.require("program", v));
        model.ifPresent(v -> SingleLine.require("model", v));
        task.ifPresent(v -> SingleLine.require("task", v));
        worktree.ifPresent(v -> SingleLine.require("worktree", v));
        branch.ifPresent(v -> SingleLine.require("branch", v));
        return this;
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
