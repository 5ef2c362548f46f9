package dev.huddle.app.lease;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.message.Outbox;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.message.Importance;
import dev.huddle.store.LeaseReads;
import dev.huddle.store.Tx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Releasing and renewing leases. Both act only on authority the caller still has: a fencing token
 * is checked against the live lease it was granted with, so a presumed-dead holder cannot act.
 */
final class LeaseRelease {

    private final Context ctx;
    private final ResourceResolver resolver;

    LeaseRelease(Context ctx, ResourceResolver resolver) {
        this.ctx = ctx;
        this.resolver = resolver;
    }

    UnlockOutcome unlock(UnlockRequest req) {
        LeaseService.requireOneLine(req.reason());
        if (req.force() && req.reason().filter(r -> !r.isBlank()).isEmpty()) {
            throw HuddleException.invalid("--force needs --reason TEXT: a forced release is audited and its holder is told why");
        }
        List<Resolved> resources = req.resources().isEmpty() && req.token().isPresent()
                ? List.of() : resolver.resolveEach(req.resources());
        List<Resource> named = named(resources);
        return ctx.decide(req.caller(), LeaseReads.on(ctx.now(), named), tx -> {
            Actor actor = Actor.act(tx, ctx, req.caller());
            // The sweep, what a release will sift for the named files and the leases on them are
            // asked together: the expired leases the sweep tells of are not among those read after it.
            Supplier<List<Lease>> expired = tx.leases().expiredUnnoticedAhead(actor.now(), LeaseNotices.SWEEP_LIMIT);
            if (!named.isEmpty()) {
                actor.foresee(Subject.resources(named));
            }
            // Only the leases on what it names: every lease in force would be read and mapped otherwise.
            List<Lease> unexpired = tx.leases().unexpiredOn(actor.now(), named);
            LeaseNotices.tell(tx, actor, expired.get());
            List<Lease> tokenLease = req.token().flatMap(t -> tx.leases().byToken(t))
                    .filter(l -> l.unexpiredAt(actor.now())).stream().toList();
            Optional<UnlockOutcome> stale = staleToken(tx, req.caller(), req.token(), tokenLease);
            if (stale.isPresent()) {
                return stale.get();
            }
            List<Lease> targets = new ArrayList<>(tokenLease);
            for (Resolved each : resources) {
                Resource r = each.resource();
                // What a glob reached through links was leased with it: it goes with it, when still held.
                each.implied().forEach(i -> unexpired.stream()
                        .filter(l -> l.resource().equals(i) && l.holder().equals(req.caller())).forEach(targets::add));
                List<Lease> exact = unexpired.stream().filter(l -> l.resource().equals(r)).toList();
                List<Lease> mine = exact.stream().filter(l -> l.holder().equals(req.caller())).toList();
                List<Lease> others = exact.stream().filter(l -> !l.holder().equals(req.caller())).toList();
                if (!mine.isEmpty()) {
                    targets.addAll(mine);
                } else if (!others.isEmpty() && req.force()) {
                    targets.addAll(others);
                } else if (!others.isEmpty()) {
                    return refusedForOthers(r, others);
                } else {
                    throw HuddleException.failed("no live lease on '" + r.text() + "': it expired, was released,"
                            + " or was never taken ('huddle locks --all' shows the history)");
                }
            }
            // Distinct by id: Lease's generated equals would cost a method-handle bootstrap.
            List<Lease> unique = new ArrayList<>(LiveLeases.index(targets, Lease::id).values());
            actor.actsOnLeases(unique);
            for (Lease lease : unique) {
                releaseOne(tx, actor, lease, req);
            }
            return new UnlockOutcome.Done(unique);
        }, UnlockOutcome.Refused.class::isInstance);
    }

    private void releaseOne(Tx tx, Actor actor, Lease lease, UnlockRequest req) {
        boolean forced = !lease.holder().equals(actor.id());
        tx.leases().release(lease.id(), actor.now(), actor.id(), forced ? req.reason() : Optional.empty());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", lease.token().value());
        data.put("holder", lease.holder().value());
        if (forced) {
            data.put("reason", req.reason().orElseThrow());
            actor.record(EventKind.FORCE_UNLOCK, lease.task(), Optional.of(lease.resource().text()), data);
            new Outbox(tx, actor).sendSystem(lease.holder(), LeaseNotices.forcedSubject(lease),
                    LeaseNotices.forcedBody(lease, actor.id(), req.reason().orElseThrow()), Importance.HIGH);
        } else {
            actor.record(EventKind.UNLOCK, lease.task(), Optional.of(lease.resource().text()), data);
        }
    }

    UnlockOutcome renew(AgentId caller, List<String> inputs, Duration ttl, Optional<FencingToken> token) {
        List<Resolved> named = inputs.isEmpty() ? List.of() : resolver.resolveEach(inputs);
        List<Resource> resources = named.stream().flatMap(r -> r.all().stream()).toList();
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            LeaseNotices.sweep(tx, actor);
            List<Lease> unexpired = tx.leases().unexpired(actor.now());
            Optional<UnlockOutcome> stale = staleToken(tx, caller, token, unexpired);
            if (stale.isPresent()) {
                return stale.get();
            }
            List<Lease> mine = unexpired.stream()
                    .filter(l -> l.holder().equals(caller))
                    .filter(l -> token.isEmpty() || l.token().equals(token.get()))
                    .filter(l -> resources.isEmpty() || resources.contains(l.resource()))
                    .toList();
            for (Resolved each : named) {
                Resource r = each.resource();
                if (mine.stream().noneMatch(l -> l.resource().equals(r))) {
                    throw HuddleException.failed("you hold no live lease on '" + r.text() + "' to renew: lock it again");
                }
            }
            if (mine.isEmpty()) {
                throw HuddleException.failed("you hold no live lease to renew");
            }
            actor.actsOnLeases(mine);
            List<Lease> renewed = new ArrayList<>();
            for (Lease l : mine) {
                tx.leases().extend(l.id(), actor.now().plus(ttl), l.mode(), Optional.empty(), Optional.empty());
                Lease updated = new Lease(l.id(), l.resource(), l.holder(), l.mode(), l.token(), l.reason(), l.task(),
                        l.grantedAt(), actor.now().plus(ttl), Optional.empty());
                renewed.add(updated);
                actor.record(EventKind.RENEW, l.task(), Optional.of(l.resource().text()), LeaseGrant.data(updated, ttl));
            }
            return new UnlockOutcome.Done(renewed);
        }, UnlockOutcome.Refused.class::isInstance);
    }

    /** A presented token must belong to an unexpired lease of the caller; anything else is stale authority. */
    private static Optional<UnlockOutcome> staleToken(Tx tx, AgentId caller, Optional<FencingToken> token,
                                                      List<Lease> unexpired) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<Lease> live = find(unexpired, token.get()).filter(l -> l.holder().equals(caller));
        if (live.isPresent()) {
            return Optional.empty();
        }
        String why = tx.leases().byToken(token.get())
                .map(l -> !l.holder().equals(caller) ? "it belongs to " + l.holder()
                        : l.releasedAt().isPresent() ? "that lease was released" : "that lease expired")
                .orElse("no lease was ever granted with it");
        return Optional.of(new UnlockOutcome.Refused("fencing token " + token.get() + " is stale: " + why, List.of()));
    }

    /** The resources an unlock names, with what their globs reached through links. */
    private static List<Resource> named(List<Resolved> resources) {
        List<Resource> all = new ArrayList<>();
        for (Resolved each : resources) {
            all.add(each.resource());
            all.addAll(each.implied());
        }
        return all;
    }

    private static Optional<Lease> find(List<Lease> leases, FencingToken token) {
        return leases.stream().filter(l -> l.token().equals(token)).findFirst();
    }

    private static UnlockOutcome refusedForOthers(Resource r, List<Lease> others) {
        String holders = String.join(", ", others.stream().map(l -> l.holder().value()).distinct().toList());
        return new UnlockOutcome.Refused("'" + r.text() + "' is held by " + holders
                + ", not by you; use --force --reason TEXT to release it for them", others);
    }
}
