package dev.huddle.cli.commands;

import dev.huddle.cli.Output;
import dev.huddle.render.RefusalText;
import dev.huddle.app.summary.SummaryOutcome;
import dev.huddle.app.summary.SummaryReportView;
import dev.huddle.app.summary.SummaryState;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.summary.SummaryRules;
import dev.huddle.core.time.TimeText;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code huddle summary start|write|status|collect}: summary rounds, written in turn (DESIGN §4.7). */
public final class SummaryCommand implements Command {

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("summary start [--order A,B,...] | summary write (TEXT|-) | summary status | summary collect",
                        "summary rounds: agents write in turn (exit 2 out of turn); collect prints one Markdown report")
                .option(Option.value("--order", "A,B,...", "start: who writes, in order (default: huddle.toml, else active agents)"))
                .positionals(1, Integer.MAX_VALUE)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        String sub = Subcommands.of(inv, "summary", List.of("start", "write", "status", "collect"));
        Subcommands.allow(inv, "summary", sub, Map.of("start", List.of("--order")));
        return switch (sub) {
            case "start" -> start(inv);
            case "write" -> write(inv);
            case "status" -> status(inv);
            default -> collect(inv);
        };
    }

    private static int start(Invocation inv) {
        Subcommands.words(inv, "summary start [--order A,B,...]", 0, 0);
        Optional<List<AgentId>> order = inv.args().value("--order")
                .map(o -> Arrays.stream(o.split(",", -1)).map(AgentId::of).toList());
        SummaryState s = inv.coordinator().summaries().startSummary(inv.requireCaller(), order);
        print(inv, s, (inv.dryRun() ? "dry run: would start summary round " : s.changed() ? "started summary round "
                : "summary round " + s.round().id() + " is already open; round ") + s.round().id());
        return ExitCode.OK;
    }

    private static int write(Invocation inv) {
        List<String> words = Subcommands.words(inv, "summary write (TEXT|-)", 1, Integer.MAX_VALUE);
        String text = inv.text(words, inv.settings().maxMessageBytes(), "summary");
        return switch (inv.coordinator().summaries().writeSummary(inv.requireCaller(), text)) {
            case SummaryOutcome.Written w -> {
                print(inv, w.state(), inv.dryRun() ? "dry run: would write your summary"
                        : w.state().changed() ? "wrote your summary" : "unchanged: you already wrote exactly this");
                yield ExitCode.OK;
            }
            case SummaryOutcome.OutOfTurn o -> {
                Map<String, Object> json = BoardJson.summary(o.state());
                json.put("written_now", false);
                json.put("reason", o.reason());
                inv.out().json(json);
                inv.out().answer(RefusalText.text(o, java.time.Instant.now(), Output::one));
                yield ExitCode.DENIED;
            }
        };
    }

    private static int status(Invocation inv) {
        Subcommands.words(inv, "summary status", 0, 0);
        Optional<SummaryState> s = inv.coordinator().summaries().summaryStatus();
        if (s.isEmpty()) {
            inv.out().json(Map.of("open", false));
            inv.out().answer("no summary round has been started ('huddle summary start')");
            return ExitCode.OK;
        }
        print(inv, s.get(), "summary round " + s.get().round().id());
        return ExitCode.OK;
    }

    private static int collect(Invocation inv) {
        Subcommands.words(inv, "summary collect", 0, 0);
        SummaryReportView report = inv.coordinator().summaries().collectSummary(inv.requireCaller());
        Map<String, Object> json = BoardJson.summary(report.state());
        json.put("open", report.state().round().open());
        json.put("markdown", report.markdown());
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        inv.out().answer(report.markdown().stripTrailing());
        return ExitCode.OK;
    }

    private static void print(Invocation inv, SummaryState s, String headline) {
        Map<String, Object> json = BoardJson.summary(s);
        json.put("open", s.round().open());
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        List<AgentId> wrote = s.entries().stream().map(e -> e.author()).toList();
        inv.out().answer(headline + ": order " + SummaryRules.names(s.round().order())
                + (wrote.isEmpty() ? "; nobody has written" : "; written: " + SummaryRules.names(wrote))
                + (s.round().open() ? s.turn().map(t -> "; " + t + "'s turn").orElse("; everyone has written: collect it")
                        : "; collected at " + TimeText.format(s.round().collectedAt().orElseThrow())));
    }
}
