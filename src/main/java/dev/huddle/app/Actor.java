package dev.huddle.app;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.Resource;
import dev.huddle.store.EventRows;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calling agent inside one transaction. Acting ticks its Lamport clock (DESIGN §4.2),
 * refreshes its presence and brings a departed agent back; every mutation is recorded as an
 * event stamped with the new clock.
 *
 * <p>The log stays causal through {@link #actsOn} and {@link #receive}: a use case names the
 * shared state it read before recording what it did, and the clock moves past that state's
 * last change, so no event is ever stamped earlier than something it depended on.
 */
public final class Actor {

    /**
     * How many of the newest events {@link #actsOn} sifts at most. When more than this were stamped
     * at or after the actor's clock, it moves past the newest of them instead: later than needed,
     * never earlier, and a lagging agent catches up in one step, so each command reads a bounded
     * number of rows (docs/decisions.md, "The log is causal"). Sixteen, not the 64 it was: with a
     * few dozen agents at work nearly every action is more than a window behind either way, and
     * the read was the costliest statement of a write on PostgreSQL (docs/decisions.md, "Writes
     * that name their agents").
     */
    static final int WINDOW = 16;

    private final Tx tx;
    private final Instant now;
    private Agent agent;
    private boolean stampUsed;
    /** The texts of a window asked ahead ({@link #foresee}) and its answer. */
    private List<String> foreseenTexts;
    private Supplier<EventRows.Window> foreseen;

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
        // Someone may have been granted the same files meanwhile: the release comes after that.
        actsOnLeases(held);
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

    /**
     * Receiving something stamped {@code remote} (a message, or the last change of state read):
     * the action's next event is stamped after it, at max(own, remote) + 1 where own is the clock
     * before that event (DESIGN §4.2); state already older than the clock changes nothing.
     */
    public void receive(LamportTime remote) {
        LamportTime floor = remote.tick();
        if (next().compareTo(floor) < 0) {
            save(agent.withClock(floor, now));
            stampUsed = false;
        }
    }

    /**
     * Declares shared state this action acts on or depends on, before recording anything that
     * depends on it: the clock moves past the latest event that changed any of {@code subjects}
     * (DESIGN §4.2). Only events stamped at or after the actor's next stamp can matter, so it
     * reads those alone, newest first, at most {@link #WINDOW} of them.
     */
    public void actsOn(Subject... subjects) {
        actsOn(List.of(subjects));
    }

    public void actsOn(List<Subject> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        List<String> texts = leaseTexts(subjects);
        EventRows.Window window = covers(texts) ? foreseen.get() : tx.events().window(next(), WINDOW, texts);
        if (window.newer() == 0) {
            return;
        }
        if (window.newer() > WINDOW) {
            receive(window.newest());
            return;
        }
        for (Event e : window.events()) {
            for (Subject s : subjects) {
                if (s.changedBy(e)) {
                    receive(e.stamp()); // newest first: the first change found is the latest
                    return;
                }
            }
        }
    }

    /**
     * Asks now for what {@link #actsOn} will read for {@code subjects}, for a use case that knows
     * them before its own reads: the store sends both together (one round trip on PostgreSQL). The
     * answer serves every later {@code actsOn} whose subjects it covers. It was asked at a clock no
     * later than theirs and holds every event stamped since but this action's own, which carry the
     * actor's clock and never move it: the same decision as a read made then.
     */
    public void foresee(Subject... subjects) {
        if (subjects.length > 0) {
            foresee(leaseTexts(List.of(subjects)));
        }
    }

    /**
     * {@link #foresee} for subjects not known yet that the window cannot narrow (who is addressed:
     * registrations are no files): the whole window, which covers any.
     */
    public void foreseeAll() {
        foresee(List.of());
    }

    private void foresee(List<String> texts) {
        foreseenTexts = texts;
        foreseen = tx.events().windowAhead(next(), WINDOW, texts);
    }

    /** Whether the window asked ahead holds what a read near {@code texts} would (none: the whole window). */
    private boolean covers(List<String> texts) {
        return foreseen != null && (foreseenTexts.isEmpty() || !texts.isEmpty() && foreseenTexts.containsAll(texts));
    }

    /**
     * The texts of the files and names that {@code subjects} are, when they are nothing else (no
     * glob, no task or agent): then only events on a path that may touch one of them can change
     * them, and the store picks those out of the window ({@link EventRows#window}).
     * Empty otherwise: the whole window is sifted.
     */
    private static List<String> leaseTexts(List<Subject> subjects) {
        List<String> texts = new ArrayList<>();
        for (Subject s : subjects) {
            if (!(s instanceof Subject.Resources r)) {
                return List.of();
            }
            for (Resource each : r.resources()) {
                if (each instanceof Resource.GlobResource) {
                    return List.of();
                }
                texts.add(each.text());
            }
        }
        return texts;
    }

    /** Shorthand for the files and names of leases about to be changed. */
    public void actsOnLeases(List<Lease> leases) {
        if (!leases.isEmpty()) {
            List<Resource> resources = new ArrayList<>(leases.size());
            for (Lease l : leases) {
                resources.add(l.resource());
            }
            actsOn(Subject.resources(resources));
        }
    }

    /** The Lamport time the action's next event will carry. */
    private LamportTime next() {
        return stampUsed ? agent.clock().tick() : agent.clock();
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
    public void record(String kind, Optional<String> task, Optional<String> path, Map<String, Object> data) {
        recordAt(stamp(), kind, task, path, data);
    }

    /** Appends an event at a stamp already taken with {@link #stamp} (one event, one message, same time). */
    public void recordAt(LamportTime at, String kind, Optional<String> task, Optional<String> path,
                         Map<String, Object> data) {
        tx.events().append(new Event(0, at, Optional.of(agent.id()), now, kind, task, path, data));
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
