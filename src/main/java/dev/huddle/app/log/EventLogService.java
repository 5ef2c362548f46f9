package dev.huddle.app.log;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.message.Outbox;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.message.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** Reads and follows the event log. */
public final class EventLogService implements EventLog {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Context ctx;

    public EventLogService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Event> log(EventFilter filter) {
        return ctx.read(tx -> tx.events().causal(filter));
    }

    @Override
    public long watch(EventFilter filter, Duration timeout, Predicate<Event> sink) {
        Instant deadline = deadline(timeout);
        long after = filter.afterSeq();
        while (!expired(deadline)) {
            long from = after;
            List<Event> batch = ctx.read(tx -> tx.events().query(new EventFilter(filter.by(), filter.kind(),
                    filter.task(), filter.path(), from, 1_000)));
            for (Event e : batch) {
                after = e.seq();
                if (!sink.test(e)) {
                    return after;
                }
            }
            if (batch.isEmpty()) {
                ctx.pacer().pause(POLL);
            }
        }
        return after;
    }

    @Override
    public void watchInbox(AgentId caller, Duration timeout, Predicate<Envelope> sink) {
        Instant deadline = deadline(timeout);
        while (!expired(deadline)) {
            List<Envelope> waiting = ctx.read(tx -> {
                Actor.require(tx, caller);
                return tx.messages().undelivered(caller, 0, 500);
            });
            for (Envelope e : waiting) {
                boolean more = sink.test(e);
                // Recorded after it was handed on: a watcher stopped in between shows it again, never loses it.
                ctx.write(caller, tx -> {
                    new Outbox(tx, Actor.act(tx, ctx, caller)).deliver(List.of(e), "watch");
                    return null;
                });
                if (!more) {
                    return;
                }
            }
            if (waiting.isEmpty()) {
                ctx.pacer().pause(POLL);
            }
        }
    }

    @Override
    public long lastSeq() {
        return ctx.read(tx -> tx.events().lastSeq());
    }

    private Instant deadline(Duration timeout) {
        return timeout.isZero() || timeout.isNegative() ? Instant.MAX : ctx.now().plus(timeout);
    }

    private boolean expired(Instant deadline) {
        return Thread.currentThread().isInterrupted() || !ctx.now().isBefore(deadline);
    }
}
