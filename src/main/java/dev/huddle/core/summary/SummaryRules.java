package dev.huddle.core.summary;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turn-taking in a summary round (DESIGN §4.7, §9): agents write in the round's order; it is the
 * turn of the first one who has not written. Every step is idempotent: writing again what one
 * already wrote changes nothing.
 */
public final class SummaryRules {

    private SummaryRules() {}

    /** What a write would do. */
    public sealed interface Verdict {
        /** The caller's turn: store the entry. */
        record Write() implements Verdict {}

        /** The caller already wrote exactly this: nothing to store. */
        record Unchanged(SummaryEntry entry) implements Verdict {}

        /** Not the caller's turn (DESIGN §9: exit 2 naming whose turn it is). */
        record OutOfTurn(String reason) implements Verdict {}
    }

    /** Whose turn it is: the first agent in the order without an entry; empty when all have written. */
    public static Optional<AgentId> turn(SummaryRound round, List<SummaryEntry> entries) {
        Set<AgentId> wrote = entries.stream().map(SummaryEntry::author).collect(Collectors.toSet());
        return round.order().stream().filter(a -> !wrote.contains(a)).findFirst();
    }

    public static Verdict write(SummaryRound round, List<SummaryEntry> entries, AgentId caller, String text) {
        Optional<SummaryEntry> mine = entries.stream().filter(e -> e.author().equals(caller)).findFirst();
        if (mine.isPresent() && mine.get().text().equals(text)) {
            return new Verdict.Unchanged(mine.get());
        }
        Optional<AgentId> turn = turn(round, entries);
        String whose = turn.map(a -> "it is " + a + "'s turn").orElse("every agent in the round has written");
        if (!round.order().contains(caller)) {
            return new Verdict.OutOfTurn(caller + " is not in summary round " + round.id() + " (order: "
                    + names(round.order()) + "); " + whose);
        }
        if (mine.isPresent()) {
            return new Verdict.OutOfTurn(caller + " already wrote in summary round " + round.id() + "; " + whose);
        }
        if (turn.filter(caller::equals).isEmpty()) {
            return new Verdict.OutOfTurn("not your turn in summary round " + round.id() + ": " + whose
                    + " (order: " + names(round.order()) + ")");
        }
        return new Verdict.Write();
    }

    /** A round's order as given: at least one agent, no agent twice. */
    public static List<AgentId> order(List<AgentId> agents) {
        if (agents.isEmpty()) {
            throw HuddleException.failed("a summary round needs at least one agent: name them with --order A,B"
                    + " or set [summary] order in huddle.toml");
        }
        if (new LinkedHashSet<>(agents).size() != agents.size()) {
            throw HuddleException.invalid("an agent is named twice in the summary order: " + names(agents));
        }
        return List.copyOf(agents);
    }

    public static String names(List<AgentId> agents) {
        return agents.stream().map(AgentId::value).collect(Collectors.joining(", "));
    }
}
