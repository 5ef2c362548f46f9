package dev.huddle.cli.commands;

import dev.huddle.cli.BoardJson;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.Output;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.time.TimeText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code huddle decide (TEXT|-) [--task ID]} and {@code huddle decisions}: the team's decision record. */
public final class DecideCommand implements Command {

    private final boolean list;

    public DecideCommand(boolean list) {
        this.list = list;
    }

    @Override
    public String name() {
        return list ? "decisions" : "decide";
    }

    @Override
    public boolean mutating() {
        return !list;
    }

    @Override
    public ArgSpec spec() {
        var b = list
                ? ArgSpec.of("decisions [--task ID] [--limit N]", "the recorded decisions, oldest first")
                        .option(Option.value("--limit", "N", "the latest N (default 100)"))
                : ArgSpec.of("decide (TEXT|-) [--task ID]", "record a decision; '-' reads it from stdin")
                        .positionals(1, Integer.MAX_VALUE);
        return b.option(Option.value("--task", "ID", list ? "only this task's" : "the task it concerns")).build();
    }

    @Override
    public int run(Invocation inv) {
        Optional<TaskId> task = inv.args().value("--task").map(TaskId::parse);
        if (list) {
            List<Decision> all = inv.coordinator().decisions().decisions(task, (int) Math.min(100_000, inv.number("--limit").orElse(100L)));
            inv.out().json(Map.of("decisions", all.stream().map(BoardJson::decision).toList()));
            if (all.isEmpty()) {
                inv.out().line("no decisions recorded");
            }
            for (Decision d : all) {
                inv.out().answer("#" + d.id() + " " + TimeText.format(d.at()) + " " + d.author() + d.task().map(t -> " [" + t + "]").orElse("")
                        + ": " + Output.one(d.text()));
            }
            return ExitCode.OK;
        }
        String text = inv.text(inv.args().positionals(), inv.settings().maxMessageBytes(), "decision");
        Decision d = inv.coordinator().decisions().decide(inv.requireCaller(), text, task);
        Map<String, Object> json = new LinkedHashMap<>(BoardJson.decision(d));
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        inv.out().answer((inv.dryRun() ? "dry run: would record decision #" : "recorded decision #") + d.id()
                + d.task().map(t -> " on " + t).orElse(""));
        return ExitCode.OK;
    }
}
