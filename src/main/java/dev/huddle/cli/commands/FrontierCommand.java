package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.WaitingCall;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.UsageException;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.time.DurationText;

/** {@code huddle frontier}: has everyone moved past this point? Exit 3 while NOT SAFE. */
public final class FrontierCommand implements Command {

    @Override
    public String name() {
        return "frontier";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("frontier --epoch N [--round R] [--wait [D]] [--ignore-offline]",
                        "SAFE (exit 0) when every agent is past epoch N (or (N, R)); NOT SAFE exits 3")
                .option(Option.value("--epoch", "N", "the epoch to test"))
                .option(Option.value("--round", "R", "also the round: SAFE when everyone is strictly past (N, R)"))
                .option(Option.optionalValue("--wait", "D", "block until SAFE, up to D (default 10m)"))
                .option(Option.flag("--ignore-offline", "do not wait for offline agents"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        long epoch = inv.number("--epoch").orElseThrow(() -> new UsageException("frontier needs --epoch N"));
        var wait = inv.args().value("--wait").map(v -> v.isEmpty() ? LockCommand.DEFAULT_WAIT : DurationText.parse(v, "--wait"));
        var query = new FrontierQuery(epoch, inv.number("--round").orElse(null), inv.args().has("--ignore-offline"));
        FrontierVerdict v = WaitingCall.queues(wait, inv) ? WaitingCall.run(() -> inv.coordinator().frontiers().frontier(query, wait))
                : inv.coordinator().frontiers().frontier(query, wait);
        inv.out().json(JsonViews.verdict(v));
        inv.out().answer(TextViews.verdict(v));
        return v.safe() ? ExitCode.OK : ExitCode.NOT_READY;
    }
}
