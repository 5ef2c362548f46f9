package dev.huddle.app;

import dev.huddle.app.frontier.FrontierWaiters;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.lease.Lease;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calling agent inside one transaction. Acting ticks its Lamport clock (DESIGN §4.2),
 * refreshes its presence and brings a departed agent back; every mutation is recorded as an
 * event stamped with the new clock.
 */
public final class Actor {

    private final Tx tx;
    private final Instant now;
    private Agent agent;
    private boolean stampUsed;

    private Actor(Tx tx, Agent agent, Instant now) {
        this.tx = tx;
        this.agent = agent;
        this.now = now;
    }

    /** Loads a registered agent, refusing unknown ids with how to register. */
    public static Agent require(Tx tx, AgentId id) {
        return tx.agents().find(id).orElseThrow(() -> unknown(id));
    }

    public static HuddleException unknown(AgentId id) {
        return HuddleException.failed("unknown agent '" + id + "': register it first with 'huddle register " + id
                + "' (ids are listed by 'huddle agents')");
    }

    /**
     * Starts acting as {@code id}: one local event on its clock, presence refreshed. An agent
     * coming back from offline first loses the leases it held: they were void while it was away,
     * and someone else may have been granted the same files meanwhile.
     */
    public static Actor act(Tx tx, Context ctx, AgentId id) {
        Instant now = ctx.now();
        Agent found = require(tx, id);
        boolean away = found.presence(ctx.settings().presence(), now) == Presence.OFFLINE;
        if (away) {
            // Coming back may end a SAFE frontier: its waiters are released first.
            FrontierWaiters.releaseSafe(tx, ctx.settings().presence(), now);
        }
        Actor actor = new Actor(tx, found, now);
        actor.save(found.withClock(found.clock().tick(), now).withLeftAt(Optional.empty()));
        if (away) {
            actor.voidLeasesHeldWhileAway();
        }
        return actor;
    }

    private void voidLeasesHeldWhileAway() {
        List<Lease> held = tx.leases().unexpired(now).stream().filter(l -> l.holder().equals(agent.id())).toList();
        for (Lease lease : held) {
            tx.leases().release(lease.id(), now, agent.id(), Optional.of("holder was offline"));
            record(EventKind.UNLOCK, lease.task(), Optional.of(lease.resource().text()),
                    Map.of("token", lease.token().value(), "reason", "holder was offline"));
        }
    }

    public Agent agent() {
        return agent;
    }

    public AgentId id() {
        return agent.id();
    }

    public Instant now() {
        return now;
    }

    /** Receiving something stamped {@code remote}: the clock moves to max(own, remote) + 1. */
    public void receive(LamportTime remote) {
        save(agent.withClock(agent.clock().receive(remote), now));
        stampUsed = false;
    }

    /** Applies a change to the agent's row. */
    public void save(Agent changed) {
        tx.agents().update(changed);
        agent = changed;
    }

    /**
     * Appends an event at the agent's clock. The first event of an action uses the tick made by
     * {@link #act}; each further one is a new local event and ticks again, so no two events of an
     * agent share a timestamp.
     */
    public Event record(String kind, Optional<String> task, Optional<String> path, Map<String, Object> data) {
        return recordAt(stamp(), kind, task, path, data);
    }

    /** Appends an event at a stamp already taken with {@link #stamp} (one event, one message, same time). */
    public Event recordAt(LamportTime at, String kind, Optional<String> task, Optional<String> path,
                          Map<String, Object> data) {
        return tx.events().append(new Event(0, at, Optional.of(agent.id()), now, kind, task, path, data));
    }

    /** The Lamport time of the action's next local event. */
    public LamportTime stamp() {
        if (stampUsed) {
            save(agent.withClock(agent.clock().tick(), now));
        }
        stampUsed = true;
        return agent.clock();
    }
}
