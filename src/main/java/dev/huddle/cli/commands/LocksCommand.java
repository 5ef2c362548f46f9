package dev.huddle.cli.commands;

import dev.huddle.app.lease.LeaseView;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code huddle locks}: the leases in force, or their history. */
public final class LocksCommand implements Command {

    @Override
    public String name() {
        return "locks";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("locks [--all] [--mine]", "list live leases (--all: also expired, released and void ones)")
                .option(Option.flag("--all", "include expired, released and void leases"))
                .option(Option.flag("--mine", "only the caller's leases"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var holder = inv.args().has("--mine") ? Optional.of(inv.requireCaller()) : Optional.<dev.huddle.core.agent.AgentId>empty();
        List<LeaseView> leases = inv.coordinator().leases().locks(inv.args().has("--all"), holder);
        Instant now = Instant.now();
        inv.out().json(Map.of("leases", leases.stream().map(v -> JsonViews.leaseView(v, now)).toList()));
        if (leases.isEmpty()) {
            inv.out().line("no leases");
        }
        for (LeaseView v : leases) {
            String state = v.state() == LeaseView.State.LIVE ? "" : "  [" + v.state().label() + "]";
            inv.out().answer(TextViews.lease(v.lease(), now) + state);
        }
        return ExitCode.OK;
    }
}
