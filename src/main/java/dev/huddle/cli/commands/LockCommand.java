package dev.huddle.cli.commands;

import dev.huddle.render.RefusalText;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.Output;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.WaitingCall;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.time.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code huddle lock}: reserve paths, globs or named resources, all or nothing. */
public final class LockCommand implements Command {

    /** How long {@code --wait} without a duration waits. */
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("lock RESOURCE... [--shared] [--ttl D] [--reason TEXT] [--task ID] [--wait [D]]",
                        "reserve files, globs or name:RESOURCE (exit 2 when held by another)")
                .option(Option.flag("--shared", "a shared lease: coexists with other shared leases"))
                .option(Option.value("--ttl", "D", "how long the lease lasts, e.g. 15m (default 30m)"))
                .option(Option.value("--reason", "TEXT", "why, shown to others"))
                .option(Option.value("--task", "ID", "the task this lease serves"))
                .option(Option.optionalValue("--wait", "D", "queue until granted, up to D (default 10m); exit 3 on timeout"))
                .positionals(1, Integer.MAX_VALUE)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var a = inv.args();
        var wait = a.value("--wait").map(v -> v.isEmpty() ? DEFAULT_WAIT : DurationText.parse(v, "--wait"));
        var request = new LockRequest(inv.requireCaller(), a.positionals(),
                a.has("--shared") ? LeaseMode.SHARED : LeaseMode.EXCLUSIVE, inv.duration("--ttl", "--ttl"),
                a.value("--reason"), a.value("--task"), wait);
        LockOutcome outcome = WaitingCall.queues(wait, inv) ? WaitingCall.run(() -> inv.coordinator().leases().lock(request))
                : inv.coordinator().leases().lock(request);
        Instant now = Instant.now();
        // instanceof, not a pattern switch: a switch's type-test bootstrap is spun at run time, a
        // few ms of every cold start (measured); LockOutcome has exactly these two cases.
        return outcome instanceof LockOutcome.Granted g ? granted(inv, g, now) : denied(inv, (LockOutcome.Denied) outcome, now);
    }

    private static int granted(Invocation inv, LockOutcome.Granted g, Instant now) {
        List<Lease> all = Stream.concat(g.granted().stream(), g.renewed().stream()).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("granted", true);
        json.put("dry_run", inv.dryRun());
        json.put("leases", all.stream().map(l -> JsonViews.lease(l, now)).toList());
        json.put("renewed", g.renewed().stream().map(l -> l.resource().text()).toList());
        inv.out().json(json);
        String prefix = inv.dryRun() ? "dry run: would lock " : "locked ";
        for (Lease l : g.granted()) {
            inv.out().answer(prefix + TextViews.lease(l, now));
        }
        for (Lease l : g.renewed()) {
            inv.out().answer((inv.dryRun() ? "dry run: would renew " : "renewed ") + TextViews.lease(l, now));
        }
        return ExitCode.OK;
    }

    private static int denied(Invocation inv, LockOutcome.Denied d, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("granted", false);
        json.put("timed_out", d.timedOut());
        json.put("conflicts", JsonViews.conflicts(d.conflicts(), now));
        json.put("queued_ahead", d.queuedAhead().stream().map(w -> w.agent().value()).toList());
        inv.out().json(json);
        inv.out().answer(RefusalText.text(d, now, Output::one));
        return d.timedOut() ? ExitCode.NOT_READY : ExitCode.DENIED;
    }
}
