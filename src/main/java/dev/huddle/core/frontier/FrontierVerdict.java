package dev.huddle.core.frontier;

import java.util.List;

/** SAFE when nobody blocks; otherwise every blocker with its pointstamp and presence. */
public record FrontierVerdict(FrontierQuery query, List<Participant> blockers, int participants) {

    public FrontierVerdict {
        blockers = List.copyOf(blockers);
    }

    public boolean safe() {
        return blockers.isEmpty();
    }
}
