package dev.huddle.app.lease;

import dev.huddle.app.Actor;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Telling a holder that its lease ended without it: expired, or force-released by an operator.
 * Expiry is lazy (nothing runs when a lease's time is up), so an expired lease is noticed by the
 * first write transaction that sweeps: a lock (which may take the resource over), an unlock, a
 * renewal, an edit recorded by a hook (PostToolUse), {@code gc} (which deletes it later). The sweep marks each lease told in the same
 * transaction as the notice, so it is told exactly once, whichever process sweeps first.
 *
 * <p>Huddle has no agent of its own, and a message's sender must be an agent: an expiry notice is
 * written in the holder's own name, to itself, and logged as an event of no agent (as {@code gc}'s),
 * so no bystander who happened to sweep appears to have sent it (docs/decisions.md, "Lease notices").
 */
public final class LeaseNotices {

    /** How many expired leases one use case's transaction tells at most; {@code gc} tells them all. */
    static final int SWEEP_LIMIT = 32;

    private LeaseNotices() {}

    /** Tells the holders of up to {@link #SWEEP_LIMIT} expired leases, inside the acting agent's transaction. */
    public static void sweep(Tx tx, Actor actor) {
        tell(tx, actor, tx.leases().expiredUnnoticed(actor.now(), SWEEP_LIMIT));
    }

    /** Tells the holders of {@code expired}, read by the caller (up to {@link #SWEEP_LIMIT}) in the acting agent's transaction. */
    static void tell(Tx tx, Actor actor, List<Lease> expired) {
        if (expired.isEmpty()) {
            return;
        }
        // Stamped after each lease's own last change (its grant or renewal), so the notice follows it.
        actor.actsOnLeases(expired);
        LamportTime at = actor.stamp();
        for (Lease lease : expired) {
            tell(tx, lease, at, actor.now());
        }
    }

    /** Tells the holders of every expired lease not yet told, at {@code at} (the log's latest time): for gc. */
    public static int sweepAll(Tx tx, Instant now, LamportTime at) {
        // One read of them all (at most a retention window of expiries), not a loop that would
        // spin forever should a mark ever fail to stick.
        List<Lease> expired = tx.leases().expiredUnnoticed(now, Integer.MAX_VALUE);
        for (Lease lease : expired) {
            tell(tx, lease, at, now);
        }
        return expired.size();
    }

    private static void tell(Tx tx, Lease lease, LamportTime at, Instant now) {
        AgentId holder = lease.holder();
        Message sent = tx.messages().insert(new Message(0, holder, at, now, Optional.of(expiredSubject(lease)),
                expiredBody(lease), Importance.HIGH, false, Optional.empty(), Optional.empty(), List.of(holder.value())),
                List.of(holder));
        tx.leases().markNoticed(lease.id(), now);
        Map<String, Object> expiry = new LinkedHashMap<>();
        expiry.put("token", lease.token().value());
        expiry.put("holder", holder.value());
        expiry.put("expired_at", lease.expiresAt().toString());
        expiry.put("notice", sent.id());
        tx.events().append(new Event(0, at, Optional.empty(), now, EventKind.EXPIRE, lease.task(),
                Optional.of(lease.resource().text()), expiry));
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("id", sent.id());
        send.put("to", sent.recipients());
        send.put("subject", sent.subject().orElseThrow());
        send.put("importance", sent.importance().label());
        tx.events().append(new Event(0, at, Optional.empty(), now, EventKind.SEND, Optional.empty(), Optional.empty(),
                send));
    }

    static String expiredSubject(Lease lease) {
        return "lease on " + lease.resource().text() + " expired";
    }

    static String expiredBody(Lease lease) {
        return "Your lease on " + lease.resource().text() + " (fencing token " + lease.token() + ") expired at "
                + lease.expiresAt() + " without being renewed. " + nextStep(lease);
    }

    static String forcedSubject(Lease lease) {
        return "lease on " + lease.resource().text() + " force-released";
    }

    static String forcedBody(Lease lease, AgentId by, String reason) {
        return by + " force-released your lease on " + lease.resource().text() + " (fencing token " + lease.token()
                + "): " + reason + ". " + nextStep(lease);
    }

    private static String nextStep(Lease lease) {
        return "It is no longer yours and others may take it: lock it again (huddle lock " + lease.resource().text()
                + ") before writing to it again; token " + lease.token() + " is stale.";
    }
}
