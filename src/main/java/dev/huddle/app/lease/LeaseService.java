package dev.huddle.app.lease;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.clock.Stamp;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseRules;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.time.DurationText;
import dev.huddle.core.lease.Waiter;
import dev.huddle.core.task.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lease use cases: lock (with its fair wait), check and listing; releases live in {@link LeaseRelease}. */
public final class LeaseService implements Leases {

    /** How long a queued waiter stays in line without polling before it is presumed gone. */
    static final Duration WAITER_GRACE = Duration.ofSeconds(5);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(5);
    // A poll is one read transaction, which never blocks writers: polling often keeps the
    // hand-over from one holder to the next short.
    private static final Duration MAX_PAUSE = Duration.ofMillis(40);
    /** How often a waiter renews its place in line (well within {@link #WAITER_GRACE}). */
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(1);

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
        // A task named by id is stored canonically (t-3 → T-3), so the board finds its leases.
        LockRequest req = new LockRequest(asked.caller(), asked.resources(), asked.mode(), asked.ttl(), asked.reason(),
                asked.task().map(TaskId::canonical), asked.waitFor());
        List<Resource> resources = resolver.resolve(req.resources());
        Duration ttl = ttl(req.ttl());
        Queued first = ctx.decide(tx -> {
            Actor actor = Actor.act(tx, ctx, req.caller());
            Stamp stamp = new Stamp(actor.agent().clock(), actor.id());
            LockOutcome outcome = new LeaseGrant(tx, actor, ctx.settings().presence(), resolver.sameFiles())
                    .attempt(req, resources, ttl, stamp, 0);
            if (outcome instanceof LockOutcome.Denied && req.waitFor().isPresent() && !ctx.dryRun()) {
                long id = tx.leases().enqueue(new Waiter(0, actor.id(), resources, req.mode(), stamp.time().value(),
                        actor.now().plus(WAITER_GRACE)));
                return new Queued(id, stamp, outcome);
            }
            return new Queued(0, stamp, outcome);
        }, q -> q.waiterId() == 0 && q.outcome() instanceof LockOutcome.Denied);
        return first.waiterId() > 0 ? waitInLine(req, resources, ttl, first) : first.outcome();
    }

    /** The first attempt; when it was denied and the caller waits, its place in the queue. */
    private record Queued(long waiterId, Stamp stamp, LockOutcome outcome) {}

    /**
     * One waiting loop: re-check, compute what is left of the single deadline, pause, repeat.
     * Checks are read-only (readers never block the holder's release); only a request that looks
     * grantable takes the write lock, where the decision is made again. The waiter's place in line
     * is kept alive about once a second. Spurious early wake-ups only cause an extra check.
     */
    private LockOutcome waitInLine(LockRequest req, List<Resource> resources, Duration ttl, Queued queued) {
        Instant deadline = ctx.now().plus(req.waitFor().orElseThrow());
        Instant refreshed = ctx.now();
        Duration pause = FIRST_PAUSE;
        while (true) {
            Duration left = Duration.between(ctx.now(), deadline);
            if (left.isNegative() || left.isZero() || Thread.currentThread().isInterrupted()) {
                return giveUp(queued);
            }
            ctx.pacer().pause(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            boolean grantable = ctx.read(tx -> LeaseGrant.denial(tx, ctx.settings().presence(), ctx.now(), req,
                    resources, queued.stamp(), queued.waiterId()).isEmpty());
            if (grantable) {
                LockOutcome outcome = ctx.decide(tx -> {
                    Actor actor = Actor.act(tx, ctx, req.caller());
                    LockOutcome o = new LeaseGrant(tx, actor, ctx.settings().presence(), resolver.sameFiles())
                            .attempt(req, resources, ttl, queued.stamp(), queued.waiterId());
                    if (o instanceof LockOutcome.Granted) {
                        tx.leases().dequeue(queued.waiterId());
                    }
                    return o;
                }, LockOutcome.Denied.class::isInstance);
                if (outcome instanceof LockOutcome.Granted) {
                    return outcome;
                }
            }
            if (Duration.between(refreshed, ctx.now()).compareTo(REFRESH_EVERY) >= 0) {
                refreshed = ctx.now();
                ctx.write(tx -> {
                    tx.leases().enqueue(new Waiter(queued.waiterId(), req.caller(), resources, req.mode(),
                            queued.stamp().time().value(), ctx.now().plus(WAITER_GRACE)));
                    return null;
                });
            }
        }
    }

    private LockOutcome giveUp(Queued queued) {
        return ctx.write(tx -> {
            tx.leases().dequeue(queued.waiterId());
            List<Lease> live = LiveLeases.at(tx, ctx.settings().presence(), ctx.now());
            LockOutcome.Denied last = (LockOutcome.Denied) queued.outcome();
            // Report who is in the way now, not when the wait began.
            var now = last.conflicts().stream()
                    .filter(c -> live.stream().anyMatch(l -> l.id() == c.heldBy().id()))
                    .toList();
            return new LockOutcome.Denied(now.isEmpty() ? last.conflicts() : now, last.queuedAhead(), true);
        });
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
            List<Lease> leases = all ? tx.leases().history(10_000).reversed() : tx.leases().unexpired(now);
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
            List<Lease> live = LiveLeases.at(tx, ctx.settings().presence(), ctx.now());
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
