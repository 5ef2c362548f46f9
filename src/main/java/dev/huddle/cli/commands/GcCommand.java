package dev.huddle.cli.commands;

import dev.huddle.app.overview.Collected;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code huddle gc}: delete old ended leases and dead waiters; never events, messages or tasks. */
public final class GcCommand implements Command {

    @Override
    public String name() {
        return "gc";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("gc", "delete released/expired leases older than 7 days; report presence").build();
    }

    @Override
    public int run(Invocation inv) {
        Collected c = inv.coordinator().overview().gc();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("leases_purged", c.leasesPurged());
        json.put("presence", Map.of("active", c.active(), "idle", c.idle(), "stale", c.stale(), "offline", c.offline()));
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        inv.out().answer((inv.dryRun() ? "dry run: would purge " : "purged ") + c.leasesPurged()
                + " old lease(s); agents: " + c.active() + " active, " + c.idle() + " idle, " + c.stale() + " stale, "
                + c.offline() + " offline");
        return ExitCode.OK;
    }
}
