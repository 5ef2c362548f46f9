package dev.huddle.core.agent;

import java.util.List;
import java.util.Locale;

/**
 * The id an agent program's session gets when it first meets Huddle without being told who it
 * is: the program's short name and the lowest number no agent uses, such as {@code claude-1} or
 * {@code codex-2}. Ids of agents that left are not reused (their history stays theirs), and an id
 * that is some other agent's display name is skipped, so the new agent's id works as its
 * display name too (display names are unique among agents that have not left).
 */
public final class AutoId {

    private AutoId() {}

    public static AgentId next(String program, List<Agent> agents) {
        String prefix = program.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        if (prefix.isEmpty() || !Character.isLetterOrDigit(prefix.charAt(0))) {
            prefix = "agent";
        }
        if (prefix.length() > 50) {
            prefix = prefix.substring(0, 50);
        }
        for (int n = 1; ; n++) {
            String candidate = prefix + "-" + n;
            if (agents.stream().noneMatch(a -> taken(a, candidate))) {
                return new AgentId(candidate);
            }
        }
    }

    private static boolean taken(Agent a, String candidate) {
        return a.id().value().equals(candidate) || !a.departed() && a.displayName().equalsIgnoreCase(candidate);
    }
}
