package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.lease.FencingToken;

/** {@code huddle renew}: extend one's live leases. */
public final class RenewCommand implements Command {

    @Override
    public String name() {
        return "renew";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("renew [RESOURCE...] [--ttl D] [--token N]", "extend your live leases (all when none named)")
                .option(Option.value("--ttl", "D", "new time left, e.g. 30m (default: the default TTL)"))
                .option(Option.value("--token", "N", "renew only the lease with this fencing token; refused when stale"))
                .positionals(0, Integer.MAX_VALUE)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var outcome = inv.coordinator().leases().renew(inv.requireCaller(), inv.args().positionals(),
                inv.duration("--ttl", "--ttl"), inv.number("--token").map(FencingToken::new));
        return LeaseOutcomes.render(inv, outcome, inv.dryRun() ? "dry run: would renew " : "renewed ", false);
    }
}
