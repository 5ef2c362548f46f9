package dev.huddle.cli.commands;

import dev.huddle.app.lease.UnlockOutcome;
import dev.huddle.app.lease.UnlockRequest;
import dev.huddle.cli.Command;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.lease.FencingToken;

/** {@code huddle unlock}: release one's own leases, or force-release another's with a reason. */
public final class UnlockCommand implements Command {

    @Override
    public String name() {
        return "unlock";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("unlock RESOURCE... [--token N] [--force --reason TEXT]",
                        "release your leases (exit 2 when held by another, unless --force)")
                .option(Option.value("--token", "N", "the fencing token of the lease; refused when stale"))
                .option(Option.flag("--force", "release another agent's lease (audited; the holder is told)"))
                .option(Option.value("--reason", "TEXT", "why, required with --force"))
                .positionals(0, Integer.MAX_VALUE)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var a = inv.args();
        var token = inv.number("--token").map(FencingToken::new);
        if (a.positionals().isEmpty() && token.isEmpty()) {
            throw new dev.huddle.cli.args.UsageException("name the resources to unlock (or --token N): usage: huddle "
                    + spec().usage());
        }
        UnlockOutcome outcome = inv.coordinator().leases().unlock(new UnlockRequest(inv.requireCaller(), a.positionals(), token,
                a.has("--force"), a.value("--reason")));
        return LeaseOutcomes.render(inv, outcome, inv.dryRun() ? "dry run: would release " : "released ", true);
    }
}
