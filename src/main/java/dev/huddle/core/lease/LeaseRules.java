package dev.huddle.core.lease;

import dev.huddle.core.agent.AgentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may hold what (DESIGN §4.4). Pure: the caller passes the leases that are live (unexpired,
 * unreleased, holder not offline). The decision never looks at timestamps, so a live holder is
 * never pre-empted by anyone.
 */
public final class LeaseRules {

    private LeaseRules() {}

    /** Every conflict between the request and other holders' live leases; empty means grant. */
    public static List<Conflict> conflicts(LeaseRequest request, List<Lease> live) {
        List<Conflict> found = new ArrayList<>();
        for (Resource wanted : request.resources()) {
            for (Lease held : live) {
                if (clash(request.requester(), wanted, request.mode(), held)) {
                    found.add(new Conflict(wanted, held));
                }
            }
        }
        return found;
    }

    /**
     * What stops {@code agent} (or anyone, when empty) from editing {@code path} now: other holders'
     * live exclusive leases intersecting it. Shared leases announce readers; they do not block edits.
     */
    public static List<Conflict> editBlockers(Optional<AgentId> agent, Resource path, List<Lease> live) {
        return live.stream()
                .filter(l -> agent.isEmpty() || !l.holder().equals(agent.get()))
                .filter(l -> l.mode() == LeaseMode.EXCLUSIVE && ResourceOverlap.intersects(path, l.resource()))
                .map(l -> new Conflict(path, l))
                .toList();
    }

    /**
     * The waiters a request must let go first (DESIGN §4.4): those in {@code line} that arrived
     * before it and contend with it. {@code queuedAs} is the request's own place in line, 0 for a
     * request that is not queued: it arrived after everyone in line. Order is arrival only, never
     * a clock, so no request overtakes a contending waiter that asked before it.
     */
    public static List<Waiter> ahead(AgentId requester, List<Resource> wants, LeaseMode mode, long queuedAs,
                                     List<Waiter> line) {
        List<Waiter> ahead = new ArrayList<>();
        for (Waiter w : line) {
            if (w.arrivedBefore(queuedAs) && contend(requester, wants, mode, w.agent(), w.resources(), w.mode())) {
                ahead.add(w);
            }
        }
        return ahead;
    }

    /** Whether a queued request would be refused against {@code wanted} (different agents, incompatible, intersecting). */
    public static boolean contend(AgentId a, List<Resource> aWants, LeaseMode aMode,
                                  AgentId b, List<Resource> bWants, LeaseMode bMode) {
        if (a.equals(b) || aMode.compatibleWith(bMode)) {
            return false;
        }
        return aWants.stream().anyMatch(x -> bWants.stream().anyMatch(y -> ResourceOverlap.intersects(x, y)));
    }

    static boolean clash(AgentId requester, Resource wanted, LeaseMode mode, Lease held) {
        return !held.holder().equals(requester)
                && !mode.compatibleWith(held.mode())
                && ResourceOverlap.intersects(wanted, held.resource());
    }

    /** {@code agent}'s own live leases (any mode) intersecting {@code path}; none when no agent is named. */
    public static List<Lease> ownOn(Optional<AgentId> agent, Resource path, List<Lease> live) {
        return live.stream()
                .filter(l -> agent.isPresent() && l.holder().equals(agent.get()))
                .filter(l -> ResourceOverlap.intersects(path, l.resource()))
                .toList();
    }
}
