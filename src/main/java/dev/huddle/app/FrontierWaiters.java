package dev.huddle.app;

import dev.huddle.core.agent.PresencePolicy;
import dev.huddle.core.frontier.Frontier;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.frontier.FrontierWaiter;
import dev.huddle.core.frontier.Participant;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.List;

/**
 * Fair wake-ups for {@code frontier --wait} (DESIGN §4.3): every caller that is waiting while its
 * frontier is SAFE is released, even when the frontier stops being SAFE before that caller looks
 * again. Pointstamps only advance, so a frontier stops being SAFE only when a participant joins (a
 * new agent) or comes back (after {@code leave}, or from offline for a query that ignores offline
 * agents). The transaction that does so calls {@link #releaseSafe} first, while the participants
 * are still those of the SAFE moment; waiters see every other SAFE moment by looking themselves.
 * It lives beside {@link Actor}, not in the frontier family, because every family that brings an
 * agent in or back (registration, sessions, an actor returning from offline) calls it.
 */
public final class FrontierWaiters {

    private FrontierWaiters() {}

    /**
     * Releases every listed waiter whose frontier is SAFE now. Called inside a transaction that is
     * about to add a participant or bring one back, before it does.
     */
    public static void releaseSafe(Tx tx, PresencePolicy policy, Instant now) {
        List<FrontierWaiter> pending = tx.frontierWaiters().pending(now);
        if (pending.isEmpty()) {
            return;
        }
        List<Participant> participants = participants(tx, policy, now);
        for (FrontierWaiter w : pending) {
            FrontierVerdict verdict = Frontier.evaluate(w.query(), participants);
            if (verdict.safe()) {
                tx.frontierWaiters().release(w.id(), now, verdict.participants());
            }
        }
    }

    /** Registered agents that have not left, with their presence at {@code now}. */
    public static List<Participant> participants(Tx tx, PresencePolicy policy, Instant now) {
        return tx.agents().all().stream()
                .filter(a -> !a.departed())
                .map(a -> new Participant(a.id(), a.at(), a.presence(policy, now)))
                .toList();
    }
}
