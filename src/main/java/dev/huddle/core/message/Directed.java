package dev.huddle.core.message;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Which messages are <em>directed</em> at an agent (DESIGN §9): addressed to its id or to one of
 * its roles. A message to {@code all} is not directed, even though the agent received it; this is
 * what a Stop hook waits for, so a broadcast never keeps an agent's turn from ending.
 */
public final class Directed {

    private Directed() {}

    public static boolean at(Agent agent, Message message) {
        for (String address : message.recipients()) {
            if (address.equals(agent.id().value())) {
                return true;
            }
            if (address.startsWith("@") && agent.profile().roles().contains(new Role(address.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The messages a Stop hook blocks on: of the {@code waiting} ones (directed, not yet pushed into
     * the agent's context), those not blocked on before. Empty when every one of them was in the
     * previous block: a turn is never held back twice in a row for the same messages, whatever
     * happened to the first block (DESIGN §5 "bounded"; two of the agent programs never cap a
     * blocking stop hook themselves).
     */
    public static List<Long> blockOn(List<Long> waiting, List<Long> blockedBefore) {
        List<Long> fresh = new ArrayList<>();
        for (Long id : waiting) {
            if (!blockedBefore.contains(id)) {
                fresh.add(id);
            }
        }
        return fresh.isEmpty() ? List.of() : List.copyOf(waiting);
    }
}
