package dev.huddle.app.frontier;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.agent.AgentView;
import dev.huddle.app.message.Outbox;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.frontier.Frontier;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.frontier.Participant;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.message.Envelope;
import dev.huddle.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The frontier use cases over the store. */
public final class FrontierService implements Frontiers {

    private static final Duration MAX_PAUSE = Duration.ofMillis(250);

    private final Context ctx;

    public FrontierService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public FrontierVerdict frontier(FrontierQuery query, Optional<Duration> wait) {
        Instant deadline = ctx.now().plus(wait.orElse(Duration.ZERO));
        Duration pause = Duration.ofMillis(20);
        while (true) {
            FrontierVerdict verdict = ctx.read(tx -> evaluate(tx, query));
            Duration left = Duration.between(ctx.now(), deadline);
            if (verdict.safe() || left.isNegative() || left.isZero() || Thread.currentThread().isInterrupted()) {
                return verdict;
            }
            ctx.pacer().pause(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    @Override
    public SyncResult sync(AgentId caller, Optional<Long> epoch, Optional<Long> round) {
        return ctx.write(tx -> {
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
        Instant now = ctx.now();
        List<Participant> participants = tx.agents().all().stream()
                .filter(a -> !a.departed())
                .map(a -> new Participant(a.id(), a.at(), a.presence(ctx.settings().presence(), now)))
                .toList();
        return Frontier.evaluate(query, participants);
    }
}
