package dev.huddle.cli.commands;

import dev.huddle.app.agent.Departure;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import java.util.Map;

/** {@code huddle leave}: depart; leases are released and the frontier stops waiting for you. */
public final class LeaveCommand implements Command {

    @Override
    public String name() {
        return "leave";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("leave", "depart: your leases are released, your claims returned, you no longer block the frontier").build();
    }

    @Override
    public int run(Invocation inv) {
        Departure d = inv.coordinator().agents().leave(inv.requireCaller());
        inv.out().json(Map.of("agent", d.agent().value(), "dry_run", inv.dryRun(),
                "released", d.releasedLeases().stream().map(l -> l.resource().text()).toList(),
                "returned_tasks", d.returnedTasks().stream().map(Object::toString).toList()));
        inv.out().answer((inv.dryRun() ? "dry run: " + d.agent() + " would leave" : d.agent() + " left")
                + "; released " + d.releasedLeases().size() + " lease(s)"
                + (d.returnedTasks().isEmpty() ? "" : "; returned " + d.returnedTasks().size() + " claimed task(s) to the board: "
                        + String.join(", ", d.returnedTasks().stream().map(Object::toString).toList())));
        return ExitCode.OK;
    }
}
