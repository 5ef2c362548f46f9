package dev.huddle.cli.commands;

import dev.huddle.app.agent.AgentView;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import java.util.Map;

/** {@code huddle heartbeat}: I am alive; optionally, I have reached this epoch/round. */
public final class HeartbeatCommand implements Command {

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("heartbeat [--epoch N] [--round N]", "refresh presence; advance your pointstamp (never backwards)")
                .option(Option.value("--epoch", "N", "the epoch you are in (omitted: unchanged)"))
                .option(Option.value("--round", "N", "the round within it (omitted: unchanged; 0 in a new epoch)"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        AgentView v = inv.coordinator().agents().heartbeat(inv.requireCaller(), inv.number("--epoch"), inv.number("--round"));
        inv.out().json(Map.of("dry_run", inv.dryRun(), "agent", JsonViews.agent(v)));
        inv.out().line((inv.dryRun() ? "dry run: " : "") + v.agent().id() + " at " + v.agent().at()
                + ", clock " + v.agent().clock());
        return ExitCode.OK;
    }
}
