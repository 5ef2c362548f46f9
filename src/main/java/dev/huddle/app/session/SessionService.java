package dev.huddle.app.session;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.agent.AgentService;
import dev.huddle.app.agent.AgentView;
import dev.huddle.app.agent.Departure;
import dev.huddle.app.lease.LeaseNotices;
import dev.huddle.app.lease.LeaseService;
import dev.huddle.app.lease.LiveLeases;
import dev.huddle.app.lease.PathCheck;
import dev.huddle.app.lease.ResourceResolver;
import dev.huddle.app.lease.SameFiles;
import dev.huddle.app.overview.Briefing;
import dev.huddle.app.overview.OverviewService;
import dev.huddle.app.overview.Status;
import dev.huddle.app.task.BoardService;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.edit.EditTarget;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.ResourceOverlap;
import dev.huddle.core.message.Directed;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.store.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The session use cases over the store: one transaction each (the briefing reads after it). */
public final class SessionService implements Sessions {

    /** Most unread messages a session start or a prompt pushes at once; the rest follow next time. */
    static final int PUSH_LIMIT = 20;
    private static final int READY_SHOWN = 5;

    private final Context ctx;
    private final EditPaths paths;
    private final ResourceResolver resolver;

    public SessionService(Context ctx) {
        this.ctx = ctx;
        this.resolver = new ResourceResolver(ctx.workspace());
        this.paths = new EditPaths(ctx.workspace(), resolver);
    }

    @Override
    public SessionOpened openSession(SessionRef session, String source) {
        record Start(AgentView self, boolean registered, List<Envelope> unread) {}
        Optional<Start> start = ctx.write(tx -> SessionAgents.resolve(tx, session, ctx).map(r -> {
            Actor actor = begin(tx, session, r);
            List<Envelope> unread = tx.messages().inbox(r.id(), false, PUSH_LIMIT);
            Map<String, Object> data = sessionData(session);
            data.put("source", source);
            actor.record(EventKind.SESSION_START, Optional.empty(), Optional.empty(), data);
            deliver(tx, actor, unread, "session start");
            return new Start(new AgentView(actor.agent(), actor.agent().presence(ctx.settings().presence(), ctx.now())),
                    r.registered(), unread);
        }));
        if (start.isEmpty()) {
            throw noIdentity();
        }
        AgentId id = start.get().self().agent().id();
        Status status = new OverviewService(ctx, new LeaseService(ctx)).status(Optional.of(id));
        BoardService board = new BoardService(ctx);
        List<Task> claims = board.tasks(new TaskFilter(Optional.empty(), Optional.empty(), Optional.of(id), 50)).stream()
                .filter(t -> t.status() == TaskStatus.CLAIMED || t.status() == TaskStatus.BLOCKED)
                .toList();
        return new SessionOpened(new Briefing(start.get().self(), status, start.get().unread(), claims), start.get().registered(),
                claims, board.ready(Optional.empty(), READY_SHOWN));
    }

    @Override
    public Pushed pushMessages(SessionRef session) {
        return ctx.write(tx -> {
            SessionAgents.Resolved r = SessionAgents.resolve(tx, session, ctx).orElseThrow(SessionService::noIdentity);
            Actor actor = begin(tx, session, r);
            List<Envelope> waiting = undelivered(tx, r.id());
            deliver(tx, actor, waiting, "prompt");
            return new Pushed(r.id(), waiting);
        });
    }

    @Override
    public EditCheck mayEdit(SessionRef session, Path base, List<EditTarget> targets) {
        EditPaths.Resolved resolved = paths.resolve(base, targets);
        if (resolved.resources().isEmpty()) {
            return new EditCheck(session.named(), List.of(), resolved.unchecked());
        }
        SameFiles sameFiles = resolver.sameFiles();
        return ctx.read(tx -> {
            Optional<AgentId> caller = SessionAgents.find(tx, session);
            List<Lease> live = LiveLeases.meeting(tx, ctx.settings().presence(), ctx.now(), resolved.resources(), sameFiles);
            List<PathCheck> checks = new ArrayList<>();
            for (Resource r : resolved.resources()) {
                checks.add(new PathCheck(r, sameFiles.editBlockers(caller, r, live)));
            }
            return new EditCheck(caller, checks, resolved.unchecked());
        });
    }

    @Override
    public EditRecorded recordEdit(SessionRef session, Path base, List<EditTarget> targets, String tool) {
        EditPaths.Resolved resolved = paths.resolve(base, targets);
        if (resolved.resources().isEmpty()) {
            return new EditRecorded(session.named(), List.of(), List.of());
        }
        SameFiles sameFiles = resolver.sameFiles();
        return ctx.write(tx -> {
            SessionAgents.Resolved r = SessionAgents.resolve(tx, session, ctx).orElseThrow(SessionService::noIdentity);
            Actor actor = begin(tx, session, r);
            // An edit is when a holder whose lease ran out most needs to hear it: sweep here too.
            LeaseNotices.sweep(tx, actor);
            List<Lease> live = LiveLeases.meeting(tx, ctx.settings().presence(), actor.now(), resolved.resources(), sameFiles);
            actsOnEdited(actor, r.id(), resolved.resources(), live);
            List<PathCheck> edited = new ArrayList<>();
            Map<Long, Lease> renewed = new LinkedHashMap<>();
            for (Resource path : resolved.resources()) {
                edited.add(new PathCheck(path, sameFiles.editBlockers(Optional.of(r.id()), path, live)));
                actor.record(EventKind.FILE_EDIT, Optional.empty(), Optional.of(path.text()), Map.of("tool", tool));
                for (Lease held : live) {
                    if (held.holder().equals(r.id()) && !renewed.containsKey(held.id())
                            && (ResourceOverlap.intersects(path, held.resource()) || sameFiles.shareAFile(path, held.resource()))) {
                        renew(tx, actor, held).ifPresent(l -> renewed.put(l.id(), l));
                    }
                }
            }
            return new EditRecorded(Optional.of(r.id()), edited, new ArrayList<>(renewed.values()));
        });
    }

    @Override
    public StopVerdict stop(SessionRef session) {
        return ctx.write(tx -> {
            Optional<Agent> agent = SessionAgents.find(tx, session).flatMap(id -> tx.agents().find(id));
            if (agent.isEmpty()) {
                return new StopVerdict(Optional.empty(), List.of());
            }
            AgentId id = agent.get().id();
            Actor actor = Actor.act(tx, ctx, id);
            List<Envelope> waiting = undelivered(tx, id).stream()
                    .filter(e -> Directed.at(agent.get(), e.message())).toList();
            List<Long> ids = waiting.stream().map(e -> e.message().id()).toList();
            if (Directed.blockOn(ids, tx.sessions().stopGuard(id)).isEmpty()) {
                return new StopVerdict(Optional.of(id), List.of());
            }
            tx.sessions().saveStopGuard(id, ids, actor.now());
            waiting.forEach(e -> actor.receive(e.message().stamp())); // the block names them: it comes after them
            actor.record(EventKind.STOP_BLOCK, Optional.empty(), Optional.empty(), Map.of("ids", ids));
            deliver(tx, actor, waiting, "stop");
            return new StopVerdict(Optional.of(id), waiting);
        });
    }

    @Override
    public SessionClosed closeSession(SessionRef session, String reason) {
        Optional<AgentId> known = ctx.write(tx -> {
            Optional<AgentId> id = SessionAgents.find(tx, session).filter(a -> tx.agents().find(a).isPresent());
            id.ifPresent(a -> {
                Actor actor = Actor.act(tx, ctx, a);
                Map<String, Object> data = sessionData(session);
                data.put("reason", reason);
                data.put("release", ctx.settings().releaseOnSessionEnd());
                actor.record(EventKind.SESSION_END, Optional.empty(), Optional.empty(), data);
                if (!ctx.settings().releaseOnSessionEnd()) {
                    // Idle from now: seen just before the active window, so presence says idle at once,
                    // and stale and offline follow on the usual schedule.
                    Agent agent = actor.agent();
                    actor.save(agent.withClock(agent.clock(), actor.now().minus(ctx.settings().presence().active())));
                }
            });
            return id;
        });
        if (known.isEmpty() || !ctx.settings().releaseOnSessionEnd()) {
            return new SessionClosed(known, false, List.of());
        }
        Departure departure = new AgentService(ctx).leave(known.get());
        return new SessionClosed(known, true, departure.releasedLeases());
    }

    /** Acts as the resolved agent: its clock ticks, presence refreshes; a new agent's registration is logged. */
    private Actor begin(Tx tx, SessionRef session, SessionAgents.Resolved r) {
        Actor actor = Actor.act(tx, ctx, r.id());
        if (r.registered()) {
            Map<String, Object> data = sessionData(session);
            data.put("created", true);
            data.put("name", actor.agent().displayName());
            actor.record(EventKind.REGISTER, Optional.empty(), Optional.empty(), data);
        }
        return actor;
    }

    private static Map<String, Object> sessionData(SessionRef session) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("program", session.program());
        session.sessionId().ifPresent(s -> data.put("session", s));
        return data;
    }

    /** Unread messages of the agent that no hook has pushed into its context yet. */
    private static List<Envelope> undelivered(Tx tx, AgentId id) {
        return tx.messages().undelivered(id, 0, PUSH_LIMIT);
    }

    /** Marks messages delivered to the actor (its copy only) and moves its clock past them (DESIGN §4.2). */
    private static void deliver(Tx tx, Actor actor, List<Envelope> envelopes, String via) {
        if (envelopes.isEmpty()) {
            return;
        }
        for (Envelope e : envelopes) {
            tx.messages().markDelivered(e.message().id(), actor.id(), actor.now());
            actor.receive(e.message().stamp());
        }
        actor.record(EventKind.DELIVER, Optional.empty(), Optional.empty(),
                Map.of("ids", envelopes.stream().map(e -> e.message().id()).toList(), "via", via));
    }

    /**
     * The edited files and the agent's own leases an edit renews: its events come after the last
     * change of each (another agent's grant of the file, say).
     */
    private static void actsOnEdited(Actor actor, AgentId self, List<Resource> paths, List<Lease> live) {
        List<Resource> touched = new ArrayList<>(paths);
        for (Lease held : live) {
            if (held.holder().equals(self) && paths.stream().anyMatch(p -> ResourceOverlap.intersects(p, held.resource()))) {
                touched.add(held.resource());
            }
        }
        actor.actsOn(Subject.resources(touched));
    }

    /** Extends one of the agent's leases to the default TTL from now, unless it already runs longer. */
    private Optional<Lease> renew(Tx tx, Actor actor, Lease held) {
        Duration ttl = ctx.settings().defaultLeaseTtl();
        Instant until = actor.now().plus(ttl);
        if (!until.isAfter(held.expiresAt())) {
            return Optional.empty();
        }
        tx.leases().extend(held.id(), until, held.mode(), Optional.empty(), Optional.empty());
        Lease renewed = new Lease(held.id(), held.resource(), held.holder(), held.mode(), held.token(), held.reason(),
                held.task(), held.grantedAt(), until, Optional.empty());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", held.token().value());
        data.put("mode", held.mode().label());
        data.put("ttl_seconds", ttl.toSeconds());
        data.put("via", "edit");
        actor.record(EventKind.RENEW, held.task(), Optional.of(held.resource().text()), data);
        return Optional.of(renewed);
    }

    private static dev.huddle.core.HuddleException noIdentity() {
        return dev.huddle.core.HuddleException.failed("the hook payload carries no session id and no agent is named "
                + "(--agent or HUDDLE_AGENT): Huddle cannot tell which agent this is");
    }
}
