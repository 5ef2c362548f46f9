package dev.huddle.app.summary;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.summary.SummaryEntry;
import dev.huddle.core.summary.SummaryReport;
import dev.huddle.core.summary.SummaryRound;
import dev.huddle.core.summary.SummaryRules;
import dev.huddle.core.task.TaskText;
import dev.huddle.store.Tx;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Summary rounds over the store. */
public final class SummaryService implements Summaries {

    private final Context ctx;

    public SummaryService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public SummaryState startSummary(AgentId caller, Optional<List<AgentId>> requested) {
        requested.ifPresent(SummaryRules::order);
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            Optional<SummaryRound> latest = tx.summaries().latest().filter(SummaryRound::open);
            if (latest.isPresent()) {
                if (requested.isPresent() && !requested.get().equals(latest.get().order())) {
                    throw HuddleException.failed("summary round " + latest.get().id() + " is still open (order: "
                            + SummaryRules.names(latest.get().order()) + "): 'huddle summary collect' closes it first");
                }
                return state(tx, latest.get(), false);
            }
            List<AgentId> order = SummaryRules.order(requested.orElseGet(() -> defaultOrder(tx, actor)));
            order.forEach(a -> Actor.require(tx, a));
            actor.actsOn(Subject.summary()); // after the previous round's collection
            SummaryRound round = tx.summaries().insert(new SummaryRound(0, caller, actor.now(), order, Optional.empty()));
            actor.record(EventKind.SUMMARY_START, Optional.empty(), Optional.empty(),
                    Map.of("round", round.id(), "order", order.stream().map(AgentId::value).toList()));
            return state(tx, round, true);
        }, s -> !s.changed());
    }

    /** huddle.toml's order, else the agents active now (the caller among them), by id. */
    private List<AgentId> defaultOrder(Tx tx, Actor actor) {
        if (!ctx.settings().summaryOrder().isEmpty()) {
            return ctx.settings().summaryOrder();
        }
        return tx.agents().all().stream()
                .filter(a -> a.presence(ctx.settings().presence(), actor.now()) == Presence.ACTIVE)
                .map(Agent::id).sorted().toList();
    }

    @Override
    public SummaryOutcome writeSummary(AgentId caller, String text) {
        String body = TaskText.body(text, ctx.settings().maxMessageBytes(), "the summary");
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            SummaryRound round = openRound(tx);
            List<SummaryEntry> entries = tx.summaries().entries(round.id());
            return switch (SummaryRules.write(round, entries, caller, body)) {
                case SummaryRules.Verdict.Unchanged u -> new SummaryOutcome.Written(state(tx, round, false));
                case SummaryRules.Verdict.OutOfTurn o -> new SummaryOutcome.OutOfTurn(state(tx, round, false), o.reason());
                case SummaryRules.Verdict.Write w -> {
                    actor.actsOn(Subject.summary()); // after the round's start and the turns before this one
                    tx.summaries().write(new SummaryEntry(round.id(), caller, actor.now(), body));
                    actor.record(EventKind.SUMMARY_WRITE, Optional.empty(), Optional.empty(),
                            Map.of("round", round.id(), "chars", body.length()));
                    yield new SummaryOutcome.Written(state(tx, round, true));
                }
            };
        }, o -> !(o instanceof SummaryOutcome.Written w) || !w.state().changed());
    }

    @Override
    public Optional<SummaryState> summaryStatus() {
        return ctx.read(tx -> tx.summaries().latest().map(r -> state(tx, r, false)));
    }

    @Override
    public SummaryReportView collectSummary(AgentId caller) {
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            SummaryRound round = tx.summaries().latest().orElseThrow(SummaryService::noRound);
            boolean closing = round.open();
            if (closing) {
                actor.actsOn(Subject.summary()); // after every turn it collects
                tx.summaries().markCollected(round.id(), actor.now());
                round = tx.summaries().latest().orElseThrow();
                actor.record(EventKind.SUMMARY_COLLECT, Optional.empty(), Optional.empty(), Map.of("round", round.id()));
            }
            SummaryState state = state(tx, round, closing);
            return new SummaryReportView(state, SummaryReport.markdown(round, state.entries()));
        }, r -> !r.state().changed());
    }

    private static SummaryRound openRound(Tx tx) {
        return tx.summaries().latest().filter(SummaryRound::open).orElseThrow(SummaryService::noRound);
    }

    private static HuddleException noRound() {
        return HuddleException.failed("no summary round is open: 'huddle summary start' opens one");
    }

    private static SummaryState state(Tx tx, SummaryRound round, boolean changed) {
        List<SummaryEntry> entries = tx.summaries().entries(round.id());
        Optional<AgentId> turn = round.open() ? SummaryRules.turn(round, entries) : Optional.empty();
        return new SummaryState(round, entries, turn, changed);
    }
}
