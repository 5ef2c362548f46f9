package dev.huddle.app.frontier;

import dev.huddle.app.Actor;
import dev.huddle.app.ChangeWatch;
import dev.huddle.app.Context;
import dev.huddle.app.FrontierWaiters;
import dev.huddle.app.agent.AgentView;
import dev.huddle.app.message.Outbox;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.frontier.Frontier;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.frontier.FrontierWaiter;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.message.Envelope;
import dev.huddle.store.StoreException;
import dev.huddle.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The frontier use cases over the store. A {@code frontier --wait} caller is listed in the store
 * while it waits ({@link FrontierWaiters}), so it is released by any moment at which its frontier
 * was SAFE, even one too short for it to see; between looks it only watches the store's change
 * counter ({@link ChangeWatch}).
 */
public final class FrontierService implements Frontiers {

    /** The longest pause between two looks at the change counter. */
    private static final Duration LOOK = Duration.ofMillis(50);
    /**
     * How often the frontier is evaluated again although nobody wrote: for a query that ignores
     * offline agents, a blocker turns offline by the clock alone.
     */
    private static final Duration RECHECK_EVERY = Duration.ofSeconds(1);

    private final Context ctx;

    public FrontierService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public FrontierVerdict frontier(FrontierQuery query, Optional<Duration> wait) {
        FrontierVerdict first = ctx.read(tx -> evaluate(tx, query));
        Duration waitFor = wait.orElse(Duration.ZERO);
        if (first.safe() || waitFor.isNegative() || waitFor.isZero()) {
            return first;
        }
        Instant deadline = ctx.now().plus(waitFor);
        Listed listed = list(query, deadline);
        if (listed.verdict().safe()) {
            return listed.verdict();
        }
        try {
            return waitUntilSafe(query, listed, deadline);
        } finally {
            if (listed.id() > 0) {
                ctx.write(tx -> {
                    tx.frontierWaiters().remove(listed.id());
                    return null;
                });
            }
        }
    }

    /** A waiter's place in the store (0: not listed) and the verdict when it was listed. */
    private record Listed(long id, FrontierVerdict verdict) {}

    /**
     * Lists the waiter, evaluating again in the same transaction so that no SAFE moment falls
     * between the first look and the listing. A store that cannot be written (read-only, disk
     * full) still answers: the caller then waits unlisted, seeing only the moments it looks at.
     */
    private Listed list(FrontierQuery query, Instant deadline) {
        try {
            return ctx.write(tx -> {
                FrontierVerdict verdict = evaluate(tx, query);
                return verdict.safe() ? new Listed(0, verdict)
                        : new Listed(tx.frontierWaiters().enqueue(query, ctx.now(), deadline), verdict);
            });
        } catch (StoreException.ReadOnly | StoreException.Failure unwritable) {
            return new Listed(0, ctx.read(tx -> evaluate(tx, query)));
        }
    }

    private FrontierVerdict waitUntilSafe(FrontierQuery query, Listed listed, Instant deadline) {
        ChangeWatch watch = new ChangeWatch(ctx);
        FrontierVerdict verdict = listed.verdict();
        while (true) {
            Instant now = ctx.now();
            if (!now.isBefore(deadline) || Thread.currentThread().isInterrupted()) {
                return verdict;
            }
            Instant recheck = now.plus(RECHECK_EVERY);
            watch.await(recheck.isBefore(deadline) ? recheck : deadline, ChangeWatch.SHORTEST_LOOK, LOOK);
            verdict = ctx.read(tx -> {
                Optional<FrontierWaiter> self = listed.id() > 0 ? tx.frontierWaiters().find(listed.id()) : Optional.empty();
                if (self.isPresent() && self.get().safeAt().isPresent()) {
                    return new FrontierVerdict(query, List.of(), self.get().counted());
                }
                return evaluate(tx, query);
            });
            if (verdict.safe()) {
                return verdict;
            }
        }
    }

    @Override
    public SyncResult sync(AgentId caller, Optional<Long> epoch, Optional<Long> round) {
        return ctx.write(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            // The verdict reads every participant's pointstamp: what this agent does next is after them.
            actor.actsOn(tx.agents().all().stream().filter(a -> !a.departed() && !a.id().equals(caller))
                    .map(a -> Subject.pointstamp(a.id())).toList());
            Pointstamp at = actor.agent().at().advancedTo(epoch.orElse(null), round.orElse(null));
            actor.save(actor.agent().withPointstamp(at));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("epoch", at.epoch());
            data.put("round", at.round());
            actor.record(EventKind.HEARTBEAT, Optional.empty(), Optional.empty(), data);
            List<Envelope> received = new Outbox(tx, actor).receive(tx.messages().inbox(caller, false, 500));
            Optional<FrontierVerdict> verdict = at.epoch() == 0 ? Optional.empty()
                    : Optional.of(evaluate(tx, new FrontierQuery(at.epoch() - 1, null, false)));
            AgentView self = new AgentView(actor.agent(), actor.agent().presence(ctx.settings().presence(), ctx.now()));
            return new SyncResult(self, received, verdict);
        });
    }

    private FrontierVerdict evaluate(Tx tx, FrontierQuery query) {
        return Frontier.evaluate(query, FrontierWaiters.participants(tx, ctx.settings().presence(), ctx.now()));
    }
}
