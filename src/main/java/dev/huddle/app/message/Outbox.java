package dev.huddle.app.message;

import dev.huddle.app.Actor;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import dev.huddle.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writing and receiving messages inside the acting agent's transaction, shared by {@code send}
 * and by use cases that must tell someone (a forced release tells the holder).
 */
public final class Outbox {

    private final Tx tx;
    private final Actor actor;

    public Outbox(Tx tx, Actor actor) {
        this.tx = tx;
        this.actor = actor;
    }

    /**
     * Stores a message with one delivery per recipient, stamped with a new local event of the
     * sender: after the recipients' registrations (who they are, which roles reached them) and
     * after the message it replies to.
     */
    public Message send(Message draft, List<AgentId> recipients) {
        List<Subject> addressed = new ArrayList<>(recipients.size());
        for (AgentId to : recipients) {
            addressed.add(Subject.registration(to));
        }
        actor.actsOn(addressed);
        draft.replyTo().flatMap(id -> tx.messages().find(id)).ifPresent(original -> actor.receive(original.stamp()));
        LamportTime at = actor.stamp();
        Message sent = tx.messages().insert(new Message(0, actor.id(), at, actor.now(), draft.subject(), draft.body(),
                draft.importance(), draft.ackRequired(), draft.thread(), draft.replyTo(), draft.recipients()), recipients);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", sent.id());
        data.put("to", sent.recipients());
        sent.subject().ifPresent(s -> data.put("subject", s));
        sent.replyTo().ifPresent(id -> data.put("reply_to", id));
        data.put("importance", sent.importance().label());
        actor.recordAt(at, EventKind.SEND, sent.thread(), Optional.empty(), data);
        return sent;
    }

    /** A notice from the acting agent to one agent about something Huddle did on its behalf. */
    public Message sendSystem(AgentId to, String subject, String body, Importance importance) {
        return send(new Message(0, actor.id(), LamportTime.ZERO, actor.now(), Optional.of(subject), body, importance,
                false, Optional.empty(), Optional.empty(), List.of(to.value())), List.of(to));
    }

    /** Marks the given envelopes read and moves the clock past each one's stamp (DESIGN §4.2). */
    public List<Envelope> receive(List<Envelope> unread) {
        for (Envelope e : unread) {
            tx.messages().markRead(e.message().id(), actor.id(), actor.now());
            actor.receive(e.message().stamp());
        }
        if (!unread.isEmpty()) {
            actor.record(EventKind.READ, Optional.empty(), Optional.empty(),
                    Map.of("ids", unread.stream().map(e -> e.message().id()).toList()));
        }
        return unread;
    }

    /**
     * Marks the given envelopes delivered to the actor (its copy only; they stay unread) and moves
     * its clock past each one's stamp (DESIGN §4.2): they have been put in front of it, by a hook's
     * context or by {@code watch}, and are not shown that way again.
     */
    public void deliver(List<Envelope> shown, String via) {
        if (shown.isEmpty()) {
            return;
        }
        for (Envelope e : shown) {
            tx.messages().markDelivered(e.message().id(), actor.id(), actor.now());
            actor.receive(e.message().stamp());
        }
        actor.record(EventKind.DELIVER, Optional.empty(), Optional.empty(),
                Map.of("ids", shown.stream().map(e -> e.message().id()).toList(), "via", via));
    }
}
