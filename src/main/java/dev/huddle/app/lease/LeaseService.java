package dev.huddle.app.lease;

import dev.huddle.app.Context;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseRules;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.text.SingleLine;
import dev.huddle.core.time.DurationText;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.LeaseReads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lease use cases: lock (with its fair wait, {@link LeaseWait}), check and listing; releases live in {@link LeaseRelease}. */
public final class LeaseService implements Leases {

    private final Context ctx;
    private final ResourceResolver resolver;
    private final LeaseRelease release;

    public LeaseService(Context ctx) {
        this.ctx = ctx;
        this.resolver = new ResourceResolver(ctx.workspace());
        this.release = new LeaseRelease(ctx, resolver);
    }

    @Override
    public LockOutcome lock(LockRequest asked) {
        requireOneLine(asked.reason());
        // A task named by id is stored canonically (t-3 → T-3), so the board finds its leases.
        LockRequest req = new LockRequest(asked.caller(), asked.resources(), asked.mode(), asked.ttl(), asked.reason(),
                asked.task().map(TaskId::canonical), asked.waitFor());
        List<Resource> resources = resolver.resolve(req.resources());
        Duration ttl = ttl(req.ttl());
        Instant deadline = ctx.now().plus(req.waitFor().orElse(Duration.ZERO));
        // What the decision will read (LeaseGrant#attempt), named so that a batch reads it ahead; one
        // SameFiles for both, so each file is looked at once (it keeps what it found).
        SameFiles sameFiles = resolver.sameFiles();
        LeaseReads reads = LiveLeases.reach(resources, sameFiles)
                .map(texts -> LeaseReads.near(ctx.now(), texts)).orElse(LeaseReads.NONE);
        LeaseWait first = ctx.decide(req.caller(), reads,
                tx -> LeaseWait.arrive(tx, ctx, sameFiles, req, resources, ttl),
                w -> !w.queued() && w.outcome() instanceof LockOutcome.Denied);
        return first.queued() ? first.await(deadline) : first.outcome();
    }

    @Override
    public UnlockOutcome unlock(UnlockRequest request) {
        return release.unlock(request);
    }

    @Override
    public UnlockOutcome renew(AgentId caller, List<String> resources, Optional<Duration> ttl, Optional<FencingToken> token) {
        return release.renew(caller, resources, ttl(ttl), token);
    }

    @Override
    public List<LeaseView> locks(boolean all, Optional<AgentId> holder) {
        Instant now = ctx.now();
        return ctx.read(tx -> {
            Map<AgentId, Presence> presence = LiveLeases.presence(tx, ctx.settings().presence(), now);
            // The holder is picked in the store: the newest 10,000 of everyone's could leave out older ones of theirs.
            List<Lease> leases = !all ? tx.leases().unexpired(now)
                    : holder.map(h -> tx.leases().history(10_000, h)).orElseGet(() -> tx.leases().history(10_000)).reversed();
            return leases.stream()
                    .filter(l -> holder.isEmpty() || l.holder().equals(holder.get()))
                    .map(l -> LiveLeases.view(l, presence, now))
                    .filter(v -> all || v.state() == LeaseView.State.LIVE)
                    .toList();
        });
    }

    @Override
    public List<PathCheck> check(Optional<AgentId> caller, List<String> paths) {
        List<Resolved> resolved = resolver.resolveEach(paths);
        SameFiles sameFiles = resolver.sameFiles();
        return ctx.read(tx -> {
            List<Lease> live = LiveLeases.meeting(tx, ctx.settings().presence(), ctx.now(),
                    resolved.stream().flatMap(r -> r.all().stream()).toList(), sameFiles);
            List<PathCheck> checks = new ArrayList<>();
            for (Resolved r : resolved) {
                // What a glob reaches through links blocks it as much as what it names.
                List<Conflict> blockers = new ArrayList<>();
                for (Resource each : r.all()) {
                    blockers.addAll(sameFiles.editBlockers(caller, each, live));
                }
                checks.add(new PathCheck(r.resource(), blockers, LeaseRules.ownOn(caller, r.resource(), live)));
            }
            return checks;
        });
    }

    /**
     * A reason is shown on one line to other agents; the CLI's parser refuses control characters in
     * it, and so does the use case, for every face that does not go through that parser (the API).
     * The error is the parser's, word for word.
     */
    static void requireOneLine(Optional<String> reason) {
        reason.ifPresent(r -> SingleLine.require("option --reason", r));
    }

    private Duration ttl(Optional<Duration> requested) {
        Duration ttl = requested.orElse(ctx.settings().defaultLeaseTtl());
        Duration max = ctx.settings().maxLeaseTtl();
        if (ttl.compareTo(max) > 0) {
            throw HuddleException.invalid("TTL " + DurationText.format(ttl) + " is over the maximum of "
                    + DurationText.format(max) + " ([leases] max_ttl_minutes in huddle.toml); renew the lease instead");
        }
        return ttl;
    }
}
