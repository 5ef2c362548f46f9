package dev.huddle.app.message;

import dev.huddle.app.Actor;
import dev.huddle.app.ChangeWatch;
import dev.huddle.app.Context;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Message;
import dev.huddle.core.message.MessageText;
import dev.huddle.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The message use cases over the store. */
public final class MessageService implements Messages {

    private static final int INBOX_LIMIT = 500;
    /** The longest pause between two looks at the change counter while an inbox waits (a write through the server ends it at once). */
    private static final Duration LOOK = Duration.ofMillis(250);

    private final Context ctx;

    public MessageService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public SendResult send(SendRequest req) {
        String body = MessageText.body(req.body(), ctx.settings().maxMessageBytes());
        req.subject().ifPresent(MessageText::subject);
        req.thread().ifPresent(MessageText::thread);
        return ctx.write(req.caller(), Recipients.named(req.to()), tx -> {
            Actor actor = Actor.act(tx, ctx, req.caller());
            // What the message will sift (it acts on who is addressed, which no file narrows) and
            // what was sent to the caller go with the read of the recipients: none depends on another.
            actor.foreseeAll();
            Supplier<List<Envelope>> unread = tx.messages().inboxAhead(req.caller(), false, INBOX_LIMIT);
            List<AgentId> recipients = Recipients.resolve(req.caller(), req.to(), tx.agents());
            Outbox outbox = new Outbox(tx, actor);
            List<Envelope> received = outbox.receive(unread.get());
            Optional<String> thread = req.thread().or(() -> req.replyTo().map(id -> threadOf(tx.messages().find(id)
                    .orElseThrow(() -> HuddleException.failed("cannot reply to message " + id + ": no such message")))));
            Message draft = new Message(0, req.caller(), LamportTime.ZERO, actor.now(), req.subject(), body,
                    req.importance(), req.ackRequired(), thread, req.replyTo(),
                    req.to().stream().map(a -> a.text()).toList());
            return new SendResult(received, outbox.send(draft, recipients), recipients);
        });
    }

    private static String threadOf(Message original) {
        return original.thread().orElse(Long.toString(original.id()));
    }

    @Override
    public List<Envelope> inbox(AgentId caller, boolean includeRead) {
        return ctx.read(tx -> {
            Actor.require(tx, caller);
            return tx.messages().inbox(caller, includeRead, INBOX_LIMIT);
        });
    }

    @Override
    public List<Envelope> awaitInbox(AgentId caller, long afterId, Duration wait) {
        if (wait.isNegative()) {
            throw HuddleException.invalid("--wait must not be negative (got " + wait + ")");
        }
        Instant deadline = ctx.now().plus(wait);
        ChangeWatch watch = new ChangeWatch(ctx);
        while (true) {
            // Looked for in a read first: a waiting inbox takes the write lock only when there is something to mark.
            boolean waiting = !ctx.read(tx -> {
                Actor.require(tx, caller);
                return undelivered(tx, caller, afterId);
            }).isEmpty();
            if (waiting) {
                List<Envelope> shown = ctx.write(caller, tx -> {
                    List<Envelope> now = undelivered(tx, caller, afterId);
                    new Outbox(tx, Actor.act(tx, ctx, caller)).deliver(now, "inbox");
                    // As found, like watch's: the delivery is this call's effect, not news about the message.
                    return now;
                });
                if (!shown.isEmpty()) {
                    return shown;
                }
            }
            if (!ctx.now().isBefore(deadline) || Thread.currentThread().isInterrupted()) {
                return List.of();
            }
            watch.await(deadline, ChangeWatch.SHORTEST_LOOK, LOOK);
        }
    }

    private static List<Envelope> undelivered(Tx tx, AgentId caller, long afterId) {
        return tx.messages().undelivered(caller, afterId, INBOX_LIMIT);
    }

    @Override
    public List<Envelope> recv(AgentId caller, int limit) {
        if (limit <= 0) {
            throw HuddleException.invalid("--limit must be a positive number (got " + limit + ")");
        }
        return ctx.write(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            return new Outbox(tx, actor).receive(tx.messages().inbox(caller, false, limit));
        });
    }

    @Override
    public Envelope read(AgentId caller, long messageId) {
        return ctx.write(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            Optional<Envelope> mine = tx.messages().envelope(messageId, caller);
            if (mine.isPresent()) {
                if (mine.get().delivery().unread()) {
                    new Outbox(tx, actor).receive(List.of(mine.get()));
                }
                return tx.messages().envelope(messageId, caller).orElseThrow();
            }
            Message m = tx.messages().find(messageId).filter(x -> x.sender().equals(caller))
                    .orElseThrow(() -> notYours(messageId));
            return new Envelope(m, new dev.huddle.core.message.Delivery(m.id(), caller, Optional.empty(),
                    Optional.empty(), Optional.empty()));
        });
    }

    @Override
    public Envelope ack(AgentId caller, long messageId) {
        return ctx.write(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            Envelope e = tx.messages().envelope(messageId, caller).orElseThrow(() -> notYours(messageId));
            actor.receive(e.message().stamp());
            tx.messages().markAcked(messageId, caller, actor.now());
            actor.record(EventKind.ACK, e.message().thread(), Optional.empty(), Map.of("id", messageId));
            return tx.messages().envelope(messageId, caller).orElseThrow();
        });
    }

    @Override
    public List<Message> thread(String key) {
        return ctx.read(tx -> tx.messages().thread(key));
    }

    @Override
    public List<Message> search(String query, int limit) {
        if (query.isBlank()) {
            throw HuddleException.invalid("give words to search for");
        }
        return ctx.read(tx -> tx.messages().search(query, limit));
    }

    private static HuddleException notYours(long id) {
        return HuddleException.failed("no message " + id + " addressed to you ('huddle inbox --all' lists yours)");
    }
}
