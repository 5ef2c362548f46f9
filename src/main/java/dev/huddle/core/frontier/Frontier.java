package dev.huddle.core.frontier;

import dev.huddle.core.agent.Presence;
import java.util.Comparator;
import java.util.List;

/**
 * The phase barrier rule (DESIGN §4.3). Every participant that has not moved past the queried
 * point blocks, whatever its round: an agent still in an earlier epoch always blocks. Offline
 * participants block too, unless the query ignores them.
 */
public final class Frontier {

    private Frontier() {}

    public static FrontierVerdict evaluate(FrontierQuery query, List<Participant> participants) {
        List<Participant> counted = participants.stream()
                .filter(p -> !(query.ignoreOffline() && p.presence() == Presence.OFFLINE))
                .toList();
        List<Participant> blockers = counted.stream()
                .filter(p -> !query.passedBy(p.at()))
                .sorted(Comparator.comparing(Participant::at).thenComparing(Participant::agent))
                .toList();
        return new FrontierVerdict(query, blockers, counted.size());
    }
}
