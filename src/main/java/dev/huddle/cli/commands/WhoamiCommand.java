package dev.huddle.cli.commands;

import dev.huddle.app.agent.AgentView;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;

/** {@code huddle whoami}: the acting agent's record. */
public final class WhoamiCommand implements Command {

    @Override
    public String name() {
        return "whoami";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("whoami", "show which agent you act as").build();
    }

    @Override
    public int run(Invocation inv) {
        AgentView v = inv.coordinator().agents().whoami(inv.requireCaller());
        inv.out().json(JsonViews.agent(v));
        inv.out().answer(AgentsCommand.row(v));
        return ExitCode.OK;
    }
}
