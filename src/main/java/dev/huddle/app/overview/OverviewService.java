package dev.huddle.app.overview;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.agent.AgentView;
import dev.huddle.app.lease.LeaseNotices;
import dev.huddle.app.lease.Leases;
import dev.huddle.app.lease.LeaseView;
import dev.huddle.app.task.ReadyList;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskScope;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.store.TaskRows;
import dev.huddle.store.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Status, briefing, init and gc over the store. */
public final class OverviewService implements Overview {

    /** How long ended leases stay in history before gc deletes them. */
    static final Duration LEASE_RETENTION = Duration.ofDays(7);

    private final Context ctx;
    private final Leases leases;

    public OverviewService(Context ctx, Leases leases) {
        this.ctx = ctx;
        this.leases = leases;
    }

    @Override
    public Initialised init() {
        return ctx.write(tx -> {
            boolean created = tx.events().lastSeq() == 0;
            if (created) {
                anonymous(tx, EventKind.INIT, Map.of("store", ctx.store().location()));
            }
            return new Initialised(ctx.store().location(), created);
        });
    }

    @Override
    public Status status(Optional<AgentId> caller) {
        List<LeaseView> live = leases.locks(false, Optional.empty());
        return ctx.read(tx -> {
            Instant now = ctx.now();
            List<AgentView> agents = tx.agents().all().stream().filter(a -> !a.departed())
                    .map(a -> new AgentView(a, a.presence(ctx.settings().presence(), now))).toList();
            List<Pointstamp> at = agents.stream().map(v -> v.agent().at()).sorted().toList();
            Optional<Integer> unread = caller.filter(id -> tx.agents().find(id).isPresent())
                    .map(id -> Math.toIntExact(tx.messages().unreadCount(id)));
            return new Status(ctx.store().location(), caller, agents, live, workload(tx, now),
                    at.isEmpty() ? Optional.empty() : Optional.of(at.getFirst()),
                    at.isEmpty() ? Optional.empty() : Optional.of(at.getLast()),
                    unread, tx.messages().count(), tx.events().lastSeq());
        });
    }

    /** The board at a glance, inside the status's read. */
    private static Workload workload(Tx tx, Instant now) {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskRows.Count c : tx.tasks().counts()) {
            counts.merge(c.status(), c.tasks(), Long::sum);
        }
        int shown = Workload.SHOWN;
        List<Task> claimed = tx.tasks().list(new TaskFilter(Optional.of(TaskStatus.CLAIMED), Optional.empty(),
                Optional.empty(), shown));
        List<Task> ready = tx.tasks().ready(TaskScope.EVERY_QUEUE, shown + 1);
        List<Task> blocked = tx.tasks().blocked();
        List<Task> overdue = tx.tasks().overdue(now, Optional.empty());
        return new Workload(counts, claimed, new ReadyList(ready.subList(0, Math.min(shown, ready.size())),
                ready.size() > shown), blocked.subList(0, Math.min(shown, blocked.size())),
                overdue.subList(0, Math.min(shown, overdue.size())), overdue.size());
    }

    @Override
    public Briefing prime(AgentId caller) {
        Status status = status(Optional.of(caller));
        return ctx.read(tx -> {
            var self = Actor.require(tx, caller);
            return new Briefing(new AgentView(self, self.presence(ctx.settings().presence(), ctx.now())), status,
                    tx.messages().inbox(caller, false, 100), tx.tasks().heldBy(caller));
        });
    }

    @Override
    public String backup(java.nio.file.Path target) {
        Path absolute = ctx.workspace().cwd().resolve(target).normalize();
        if (!ctx.dryRun()) {
            ctx.store().backupTo(absolute);
        }
        return absolute.toString();
    }

    @Override
    public Collected gc() {
        return ctx.write(tx -> {
            Instant now = ctx.now();
            // Expired leases are told before any is deleted: one that nobody swept still gets its notice.
            int told = LeaseNotices.sweepAll(tx, now, latest(tx));
            int purged = tx.leases().purgeEndedBefore(now.minus(LEASE_RETENTION));
            tx.leases().waiters(Instant.EPOCH).stream()
                    .filter(w -> !w.aliveUntil().isAfter(now))
                    .forEach(w -> tx.leases().dequeue(w.id()));
            Map<Presence, Long> counts = tx.agents().all().stream().filter(a -> !a.departed())
                    .collect(java.util.stream.Collectors.groupingBy(a -> a.presence(ctx.settings().presence(), now),
                            java.util.stream.Collectors.counting()));
            anonymous(tx, EventKind.GC, Map.of("leases_purged", purged, "leases_told", told));
            return new Collected(purged, counts.getOrDefault(Presence.ACTIVE, 0L), counts.getOrDefault(Presence.IDLE, 0L),
                    counts.getOrDefault(Presence.STALE, 0L), counts.getOrDefault(Presence.OFFLINE, 0L));
        });
    }

    /** An event no agent performed; stamped at the log's latest time so it sorts where it happened. */
    private void anonymous(Tx tx, String kind, Map<String, Object> data) {
        tx.events().append(new Event(0, latest(tx), Optional.empty(), ctx.now(), kind, Optional.empty(), Optional.empty(), data));
    }

    /** The log's latest Lamport time, where an event of no agent sorts. */
    private static LamportTime latest(Tx tx) {
        return tx.events().causal(EventFilter.after(0, 1)).stream()
                .map(Event::stamp).max(Comparator.naturalOrder()).orElse(LamportTime.ZERO);
    }
}
