package dev.huddle.app.message;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Address;
import java.util.LinkedHashSet;
import java.util.List;

/** Resolves addresses to agents at send time, refusing what names nobody. */
final class Recipients {

    private Recipients() {}

    static List<AgentId> resolve(AgentId sender, List<Address> to, List<Agent> agents) {
        if (to.isEmpty()) {
            throw HuddleException.invalid("name at least one recipient: agent ids, @roles or 'all'");
        }
        LinkedHashSet<AgentId> out = new LinkedHashSet<>();
        for (Address address : to) {
            List<AgentId> found = resolve(sender, address, agents);
            if (found.isEmpty() && address instanceof Address.ToRole r) {
                throw HuddleException.failed("no other agent has role @" + r.role() + ": nothing was sent");
            }
            out.addAll(found);
        }
        if (out.isEmpty()) {
            throw HuddleException.failed("no other agent is registered: nothing was sent");
        }
        return List.copyOf(out);
    }

    /**
     * One address. instanceof rather than a pattern switch: a switch's type-test bootstrap is spun
     * at run time, a few ms of a cold {@code send} (measured); Address has exactly these three cases.
     */
    private static List<AgentId> resolve(AgentId sender, Address address, List<Agent> agents) {
        if (address instanceof Address.ToAgent a) {
            return List.of(agents.stream().filter(x -> x.id().equals(a.agent())).findFirst()
                    .orElseThrow(() -> HuddleException.failed("unknown recipient '" + a.agent()
                            + "': 'huddle agents' lists who is registered")).id());
        }
        if (address instanceof Address.ToRole r) {
            return others(sender, agents).stream().filter(x -> x.hasRole(r.role())).map(Agent::id).toList();
        }
        return others(sender, agents).stream().map(Agent::id).toList();
    }

    private static List<Agent> others(AgentId sender, List<Agent> agents) {
        return agents.stream().filter(a -> !a.id().equals(sender) && !a.departed()).toList();
    }
}
