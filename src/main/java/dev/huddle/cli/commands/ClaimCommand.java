package dev.huddle.cli.commands;

import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.task.TaskId;

/** {@code huddle claim ID} and {@code huddle claim-next}: take a task, atomically (DESIGN §4.6). */
public final class ClaimCommand implements Command {

    private final boolean next;

    public ClaimCommand(boolean next) {
        this.next = next;
    }

    @Override
    public String name() {
        return next ? "claim-next" : "claim";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        var b = next
                ? ArgSpec.of("claim-next [--queue Q] [--reserve]",
                        "claim the most urgent ready task of your queues (exit 3 when none is ready)")
                        .option(Option.value("--queue", "Q", "only this queue"))
                : ArgSpec.of("claim ID [--reserve]",
                        "claim a task (exit 2 when another holds it or it is closed, 3 when blockers are open)")
                        .positionals(1, 1);
        return b.option(Option.flag("--reserve", "also lease the task's files in the same transaction, all or nothing"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        boolean reserve = inv.args().has("--reserve");
        ClaimOutcome outcome = next
                ? inv.coordinator().tasks().claimNext(inv.requireCaller(), inv.args().value("--queue"), reserve)
                : inv.coordinator().tasks().claim(inv.requireCaller(), TaskId.parse(inv.args().positional(0)), reserve);
        return ClaimOutcomes.render(inv, outcome);
    }
}
