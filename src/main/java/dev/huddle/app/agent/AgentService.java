package dev.huddle.app.agent;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.FrontierWaiters;
import dev.huddle.app.task.TaskService;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent use cases over the store. */
public final class AgentService implements Agents {

    private final Context ctx;

    public AgentService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Registration register(AgentId id, AgentProfile profile, Optional<Long> epoch) {
        profile.requireSingleLines();
        return ctx.write(id, tx -> {
            Instant now = ctx.now();
            Optional<Agent> existing = tx.agents().find(id);
            AgentProfile merged = existing.map(a -> a.profile().mergedWith(profile)).orElse(profile);
            merged.displayName().ifPresent(name -> refuseTakenName(tx, id, name));
            if (existing.isEmpty()) {
                // A new participant may end a SAFE frontier: its waiters are released first.
                FrontierWaiters.releaseSafe(tx, ctx.settings().presence(), now);
                Pointstamp start = new Pointstamp(epoch.orElse(0L), 0);
                tx.agents().insert(new Agent(id, merged, now, now, Optional.empty(), LamportTime.ZERO, start));
            }
            Actor actor = Actor.act(tx, ctx, id);
            Agent updated = actor.agent().withProfile(merged);
            if (existing.isPresent() && epoch.isPresent()) {
                updated = updated.withPointstamp(updated.at().advancedTo(epoch.get(), null));
            }
            actor.save(updated);
            actor.record(EventKind.REGISTER, Optional.empty(), Optional.empty(), profileData(updated, existing.isEmpty()));
            return new Registration(view(updated, now), existing.isEmpty());
        });
    }

    @Override
    public AgentView whoami(AgentId caller) {
        return ctx.read(tx -> view(Actor.require(tx, caller), ctx.now()));
    }

    @Override
    public Identity identity(AgentId caller, boolean operator) {
        return ctx.read(tx -> {
            Optional<Agent> agent = operator ? tx.agents().find(caller) : Optional.of(Actor.require(tx, caller));
            return new Identity(caller, operator, agent.map(a -> view(a, ctx.now())));
        });
    }

    @Override
    public List<AgentView> agents(boolean includeDeparted) {
        Instant now = ctx.now();
        return ctx.read(tx -> tx.agents().all().stream()
                .filter(a -> includeDeparted || !a.departed())
                .map(a -> view(a, now))
                .toList());
    }

    @Override
    public AgentView heartbeat(AgentId caller, Optional<Long> epoch, Optional<Long> round) {
        return ctx.write(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            Pointstamp before = actor.agent().at();
            Pointstamp after = before.advancedTo(epoch.orElse(null), round.orElse(null));
            actor.save(actor.agent().withPointstamp(after));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("epoch", after.epoch());
            data.put("round", after.round());
            actor.record(EventKind.HEARTBEAT, Optional.empty(), Optional.empty(), data);
            return view(actor.agent(), ctx.now());
        });
    }

    @Override
    public Departure leave(AgentId caller) {
        return ctx.write(caller, tx -> {
            Instant now = ctx.now();
            Actor actor = Actor.act(tx, ctx, caller);
            List<Lease> held = tx.leases().unexpired(now).stream().filter(l -> l.holder().equals(caller)).toList();
            actor.actsOnLeases(held);
            for (Lease lease : held) {
                tx.leases().release(lease.id(), now, caller, Optional.of("agent left"));
                // One event per file, as every other release: the file's history shows when it was freed.
                actor.record(EventKind.UNLOCK, lease.task(), Optional.of(lease.resource().text()),
                        Map.of("token", lease.token().value(), "reason", "agent left"));
            }
            List<TaskId> returned = TaskService.returnClaims(tx, actor);
            actor.record(EventKind.LEAVE, Optional.empty(), Optional.empty(),
                    Map.of("released", held.size(), "returned", returned.stream().map(TaskId::text).toList()));
            actor.save(actor.agent().withLeftAt(Optional.of(now)));
            return new Departure(caller, held, returned);
        });
    }

    @Override
    public Optional<AgentId> agentForSession(String sessionId) {
        return ctx.read(tx -> tx.sessions().agentFor(sessionId));
    }

    private AgentView view(Agent agent, Instant now) {
        return new AgentView(agent, agent.presence(ctx.settings().presence(), now));
    }

    private static void refuseTakenName(Tx tx, AgentId id, String name) {
        tx.agents().all().stream()
                .filter(a -> !a.id().equals(id) && !a.departed() && a.displayName().equalsIgnoreCase(name))
                .findFirst()
                .ifPresent(a -> {
                    throw HuddleException.failed("display name '" + name + "' is already used by agent '" + a.id()
                            + "': choose another with --name");
                });
    }

    private static Map<String, Object> profileData(Agent agent, boolean created) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("created", created);
        data.put("name", agent.displayName());
        data.put("roles", agent.profile().roles().stream().map(Object::toString).toList());
        agent.profile().program().ifPresent(p -> data.put("program", p));
        data.put("epoch", agent.at().epoch());
        return data;
    }
}
