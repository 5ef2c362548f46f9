package dev.huddle.app.task;

import dev.huddle.app.Actor;
import dev.huddle.app.Context;
import dev.huddle.app.lease.LeaseGrant;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.app.lease.ResourceResolver;
import dev.huddle.app.message.Outbox;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.event.Subject;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.message.Importance;
import dev.huddle.core.task.ClaimRules;
import dev.huddle.core.task.ClaimVerdict;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskGraph;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskScope;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Claiming and giving back: claim, claim-next, unclaim, done, and the claims a leaving agent
 * returns. Every claim decides and writes in the caller's one transaction (DESIGN §4.6).
 */
final class TaskClaims {

    /** How many candidates claim-next looks at; more only matters when --reserve finds files held. */
    private static final int CANDIDATES = 20;

    private final Context ctx;
    private final ResourceResolver resolver;

    TaskClaims(Context ctx) {
        this.ctx = ctx;
        this.resolver = new ResourceResolver(ctx.workspace());
    }

    /** Refusals and repeats change nothing: their transaction is rolled back (see {@link Context#decide}). */
    static boolean changesNothing(ClaimOutcome o) {
        return !(o instanceof ClaimOutcome.Claimed c) || c.alreadyHeld() && c.reserved().isEmpty();
    }

    ClaimOutcome claim(AgentId caller, TaskId id, boolean reserve) {
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            Task task = TaskRecords.require(tx, id);
            List<Task> blockers = tx.dependencies().blockersOf(id);
            ClaimVerdict verdict = ClaimRules.decide(task, blockers, caller, offline(tx, actor));
            return switch (verdict) {
                case ClaimVerdict.Closed c -> new ClaimOutcome.Closed(task);
                case ClaimVerdict.Held h -> new ClaimOutcome.Held(task);
                case ClaimVerdict.NotReady n -> new ClaimOutcome.NotReady(task, n.openBlockers());
                case ClaimVerdict.Mine m -> keep(tx, actor, task, reserve);
                case ClaimVerdict.Grant g -> take(tx, actor, task, blockers, g.reclaimedFrom(), reserve);
            };
        }, TaskClaims::changesNothing);
    }

    ClaimOutcome claimNext(AgentId caller, TaskScope requested, String where, boolean reserve) {
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            TaskScope scope = requested.only().isPresent() ? requested : new TaskScope(Optional.empty(),
                    ctx.settings().queues().handledByOthers(actor.agent().profile().roles()));
            if (requested.only().isPresent() && !actorHandles(actor, requested.only().get())) {
                return new ClaimOutcome.NothingReady(where + ": it is handled by @"
                        + ctx.settings().queues().require(requested.only().get()).handler().orElseThrow()
                        + ", a role you do not have (claim a task of it by id instead)");
            }
            ClaimOutcome.FilesHeld firstHeld = null;
            for (Task candidate : candidates(tx, actor, scope)) {
                List<Task> blockers = tx.dependencies().blockersOf(candidate.id());
                var verdict = ClaimRules.decide(candidate, blockers, caller, offline(tx, actor));
                if (verdict instanceof ClaimVerdict.Grant g) {
                    ClaimOutcome outcome = take(tx, actor, candidate, blockers, g.reclaimedFrom(), reserve);
                    if (outcome instanceof ClaimOutcome.FilesHeld held) {
                        firstHeld = firstHeld == null ? held : firstHeld;
                        continue;
                    }
                    return outcome;
                }
            }
            return firstHeld != null ? firstHeld : new ClaimOutcome.NothingReady(where);
        }, TaskClaims::changesNothing);
    }

    private boolean actorHandles(Actor actor, String queue) {
        return ctx.settings().queues().require(queue).handledBy(actor.agent().profile().roles());
    }

    /** Ready tasks and those held by offline agents, merged in claim order. */
    private List<Task> candidates(Tx tx, Actor actor, TaskScope scope) {
        var offlineBefore = ctx.settings().presence().offlineBefore(actor.now());
        return Stream.concat(tx.tasks().ready(scope, CANDIDATES).stream(),
                        tx.tasks().reclaimable(scope, offlineBefore, CANDIDATES).stream())
                .sorted(TaskGraph.ORDER)
                .limit(CANDIDATES)
                .toList();
    }

    private ClaimOutcome keep(Tx tx, Actor actor, Task task, boolean reserve) {
        if (!reserve || task.files().isEmpty()) {
            return new ClaimOutcome.Claimed(task, Optional.empty(), List.of(), true);
        }
        actor.actsOn(Subject.task(task.id()));
        LockOutcome leases = reserve(tx, actor, task);
        return leases instanceof LockOutcome.Granted g
                ? new ClaimOutcome.Claimed(task, Optional.empty(), all(g), true)
                : new ClaimOutcome.FilesHeld(task, (LockOutcome.Denied) leases);
    }

    /**
     * Writes the claim (after the files, when reserving: nothing is written if they are held),
     * stamped after the task's last change and its blockers' (a blocker's {@code done} made it ready).
     */
    private ClaimOutcome take(Tx tx, Actor actor, Task task, List<Task> blockers, Optional<AgentId> reclaimedFrom,
                              boolean reserve) {
        actor.actsOn(read(task, blockers));
        List<Lease> reserved = List.of();
        if (reserve && !task.files().isEmpty()) {
            LockOutcome leases = reserve(tx, actor, task);
            if (leases instanceof LockOutcome.Denied denied) {
                return new ClaimOutcome.FilesHeld(task, denied);
            }
            reserved = all((LockOutcome.Granted) leases);
        }
        FencingToken token = tx.nextFencingToken();
        Task claimed = task.claimed(actor.id(), token, actor.now());
        TaskRecords.save(tx, task, claimed);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", token.value());
        reclaimedFrom.ifPresent(old -> data.put("reclaimed_from", old.value()));
        task.claimToken().ifPresent(old -> data.put("stale_token", old.value()));
        if (!reserved.isEmpty()) {
            data.put("reserved", reserved.stream().map(l -> l.resource().text()).toList());
        }
        TaskRecords.record(actor, EventKind.TASK_CLAIM, task.id(), data);
        reclaimedFrom.ifPresent(old -> new Outbox(tx, actor).sendSystem(old, task.id() + " was reclaimed",
                actor.id() + " reclaimed " + task.id() + " (" + task.title() + ") while you were offline; your claim"
                        + task.claimToken().map(t -> " (token " + t + ")").orElse("") + " is void.", Importance.HIGH));
        return new ClaimOutcome.Claimed(claimed, reclaimedFrom, reserved, false);
    }

    private LockOutcome reserve(Tx tx, Actor actor, Task task) {
        List<String> texts = task.files().stream().map(Resource::text).toList();
        LockRequest request = new LockRequest(actor.id(), texts, LeaseMode.EXCLUSIVE, Optional.empty(),
                Optional.of("task " + task.id() + ": " + task.title()), Optional.of(task.id().text()), Optional.empty());
        // Resolved again: the links the task's files went through may have changed since it was created.
        // Not queued: like a lock without --wait it arrived after every waiter in line, so it is
        // refused while one of them wants these files (DESIGN §4.4).
        List<Resource> files = resolver.again(task.files());
        return new LeaseGrant(tx, actor, ctx.settings().presence(), resolver.sameFiles()).attempt(request, files,
                ctx.settings().defaultLeaseTtl(), 0);
    }

    private static List<Lease> all(LockOutcome.Granted g) {
        List<Lease> all = new ArrayList<>(g.granted());
        all.addAll(g.renewed());
        return all;
    }

    TaskOutcome unclaim(AgentId caller, TaskId id, Optional<FencingToken> token) {
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            Task task = TaskRecords.require(tx, id);
            Optional<String> denial = ClaimRules.holderDenial(task, caller, token);
            if (denial.isPresent()) {
                return new TaskOutcome.Denied(task, denial.get());
            }
            actor.actsOn(Subject.task(id));
            Task released = task.released(actor.now());
            TaskRecords.save(tx, task, released);
            TaskRecords.record(actor, EventKind.TASK_UNCLAIM, id, Map.of("token", task.claimToken().orElseThrow().value()));
            List<Lease> leases = TaskRecords.releaseLeases(tx, actor, id, "task " + id + " unclaimed");
            return new TaskOutcome.Updated(released, true, List.of(), leases);
        }, TaskOutcome::changesNothing);
    }

    TaskOutcome done(AgentId caller, TaskId id, Optional<String> conclusion, Optional<FencingToken> token) {
        return ctx.decide(caller, tx -> {
            Actor actor = Actor.act(tx, ctx, caller);
            Task task = TaskRecords.require(tx, id);
            if (task.status() == TaskStatus.DONE && task.assignee().equals(Optional.of(caller))
                    && conclusion.filter(c -> !task.conclusion().equals(Optional.of(c))).isEmpty()) {
                return TaskOutcome.Updated.unchanged(task);
            }
            Optional<String> denial = ClaimRules.holderDenial(task, caller, token);
            if (denial.isPresent()) {
                return new TaskOutcome.Denied(task, denial.get());
            }
            List<Task> blockers = tx.dependencies().blockersOf(id);
            List<Task> open = TaskGraph.openBlockers(blockers);
            if (!open.isEmpty()) {
                return new TaskOutcome.NotReady(task, open);
            }
            actor.actsOn(read(task, blockers));
            Task done = task.done(conclusion, actor.now());
            TaskRecords.save(tx, task, done);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("token", task.claimToken().orElseThrow().value());
            data.put("conclusion", conclusion.isPresent());
            TaskRecords.record(actor, EventKind.TASK_DONE, id, data);
            List<Lease> leases = TaskRecords.releaseLeases(tx, actor, id, "task " + id + " done");
            return new TaskOutcome.Updated(done, true, List.of(), leases);
        }, TaskOutcome::changesNothing);
    }

    /** Inside {@code leave}'s transaction: every claim of the leaving agent goes back to the board. */
    static List<TaskId> returnAll(Tx tx, Actor actor) {
        List<TaskId> returned = new ArrayList<>();
        List<Task> held = tx.tasks().heldBy(actor.id());
        actor.actsOn(Subject.tasks(held.stream().map(Task::id).toList()));
        for (Task task : held) {
            TaskRecords.save(tx, task, task.released(actor.now()));
            TaskRecords.record(actor, EventKind.TASK_UNCLAIM, task.id(),
                    Map.of("token", task.claimToken().map(FencingToken::value).orElse(0L), "reason", "agent left"));
            returned.add(task.id());
        }
        return returned;
    }

    /** A task and its blockers, as read by a claim or a {@code done}. */
    private static List<Subject> read(Task task, List<Task> blockers) {
        List<Subject> read = new ArrayList<>(blockers.size() + 1);
        read.add(Subject.task(task.id()));
        for (Task b : blockers) {
            read.add(Subject.task(b.id()));
        }
        return read;
    }

    private Predicate<AgentId> offline(Tx tx, Actor actor) {
        return agent -> tx.agents().find(agent)
                .map(a -> a.presence(ctx.settings().presence(), actor.now()) == Presence.OFFLINE)
                .orElse(true);
    }
}
