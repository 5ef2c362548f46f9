package dev.huddle.core.summary;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.core.time.TimeText;
import java.util.List;
import java.util.Optional;

/**
 * The one Markdown report a round is collected into: Huddle's facts as plain Markdown, what the
 * agents wrote inside the untrusted frame (DESIGN §8), each entry under a heading Huddle writes
 * and agent text cannot forge.
 */
public final class SummaryReport {

    private SummaryReport() {}

    public static String markdown(SummaryRound round, List<SummaryEntry> entries) {
        StringBuilder facts = new StringBuilder("# Summary round ").append(round.id()).append("\n\n")
                .append("Started by ").append(round.startedBy()).append(" at ").append(TimeText.format(round.startedAt()))
                .append("; order: ").append(SummaryRules.names(round.order())).append(".\n");
        round.collectedAt().ifPresent(at -> facts.append("Collected at ").append(TimeText.format(at)).append(".\n"));
        List<AgentId> missing = round.order().stream()
                .filter(a -> entries.stream().noneMatch(e -> e.author().equals(a))).toList();
        if (!missing.isEmpty()) {
            facts.append("Not written: ").append(SummaryRules.names(missing)).append(".\n");
        }
        StringBuilder body = new StringBuilder();
        for (AgentId agent : round.order()) {
            Optional<SummaryEntry> entry = entries.stream().filter(e -> e.author().equals(agent)).findFirst();
            if (entry.isPresent()) {
                body.append("\n## ").append(agent).append(" (").append(TimeText.format(entry.get().at())).append(")\n\n")
                        .append(UntrustedFrame.neutralise(entry.get().text().strip())).append('\n');
            }
        }
        if (body.isEmpty()) {
            return facts.append("\nNobody has written yet.\n").toString();
        }
        return facts.append('\n').append(UntrustedFrame.wrap(body.toString())).append('\n').toString();
    }
}
