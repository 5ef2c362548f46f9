package dev.huddle.app.message;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Address;
import dev.huddle.store.AgentRows;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Resolves addresses to agents at send time, refusing what names nobody. An agent named by id is
 * looked up alone; every agent is read only for a role or {@code all}, once per send.
 */
final class Recipients {

    private final AgentId sender;
    private final AgentRows rows;
    private List<Agent> everyone;

    private Recipients(AgentId sender, AgentRows rows) {
        this.sender = sender;
        this.rows = rows;
    }

    static List<AgentId> resolve(AgentId sender, List<Address> to, AgentRows rows) {
        if (to.isEmpty()) {
            throw HuddleException.invalid("name at least one recipient: agent ids, @roles or 'all'");
        }
        Recipients recipients = new Recipients(sender, rows);
        LinkedHashSet<AgentId> out = new LinkedHashSet<>();
        for (Address address : to) {
            List<AgentId> found = recipients.resolve(address);
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

    /** The agents {@code to} names by id, whose rows {@link #resolve} looks up. */
    static List<AgentId> named(List<Address> to) {
        List<AgentId> named = new ArrayList<>();
        for (Address address : to) {
            if (address instanceof Address.ToAgent a) {
                named.add(a.agent());
            }
        }
        return named;
    }

    /**
     * One address. instanceof rather than a pattern switch: a switch's type-test bootstrap is spun
     * at run time, a few ms of a cold {@code send} (measured); Address has exactly these three cases.
     */
    private List<AgentId> resolve(Address address) {
        if (address instanceof Address.ToAgent a) {
            return List.of(rows.find(a.agent()).orElseThrow(() -> HuddleException.failed("unknown recipient '"
                    + a.agent() + "': 'huddle agents' lists who is registered")).id());
        }
        if (address instanceof Address.ToRole r) {
            return others().stream().filter(x -> x.hasRole(r.role())).map(Agent::id).toList();
        }
        return others().stream().map(Agent::id).toList();
    }

    private List<Agent> others() {
        if (everyone == null) {
            everyone = rows.all();
        }
        return everyone.stream().filter(a -> !a.id().equals(sender) && !a.departed()).toList();
    }
}
