package dev.huddle.testing;

import dev.huddle.app.Coordinator;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.app.lease.UnlockRequest;
import dev.huddle.app.message.SendRequest;
import dev.huddle.app.session.SessionRef;
import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.app.task.NewTask;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.edit.EditTarget;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One random mutating command at a time, by a given agent, drawn from every command that writes:
 * registration, heartbeat, sync, leave, messages (direct, to a role, to all, replies), recv, read,
 * ack, locks (exclusive, shared, globs, names, with a task, with a short wait), unlock, forced
 * unlock, renew, tasks (with blockers, parent and files), every claim and lifecycle change,
 * dependencies, decisions, summary rounds, every session hook that writes, and gc. What exists
 * (tasks, messages, leases) is read through the coordinator, so several processes drawing from
 * one store pick among the same things. Errors a user could get (an unknown id, nothing to
 * unlock) are expected and swallowed: they write nothing.
 */
public final class RandomCommands {

    private static final List<String> RESOURCES = List.of("src", "src/a.py", "src/b.py", "src/*.py", "src/**",
            "docs/x.md", "lib/c.py", "name:deploy", "**/*.md");
    private static final List<String> EDITED = List.of("src/a.py", "src/b.py", "src/sub/d.py", "docs/x.md", "lib/c.py");

    private final Random random;
    private final Path root;

    /** {@code root}: the repository the coordinators work in (edits are named inside it). */
    public RandomCommands(Random random, Path root) {
        this.random = random;
        this.root = root;
    }

    /** Runs one random command as {@code me}; {@code agents} are the agents it may address. */
    public void run(Coordinator c, AgentId me, List<AgentId> agents) {
        try {
            command(c, me, agents);
        } catch (HuddleException expected) {
            // invalid input or an unknown name for the state reached: nothing was written
        }
    }

    private void command(Coordinator c, AgentId me, List<AgentId> agents) {
        switch (random.nextInt(38)) {
            case 0 -> c.agents().heartbeat(me, Optional.of((long) random.nextInt(4)).filter(e -> random.nextBoolean()),
                    Optional.empty());
            case 1 -> c.frontiers().sync(me, Optional.of((long) random.nextInt(4)).filter(e -> random.nextBoolean()), Optional.empty());
            case 2 -> c.agents().leave(me);
            case 3, 4 -> send(c, me, agents);
            case 5 -> c.messages().recv(me, 1 + random.nextInt(5));
            case 6 -> pick(messages(c, me)).ifPresent(id -> c.messages().read(me, id));
            case 7 -> pick(messages(c, me)).ifPresent(id -> c.messages().ack(me, id));
            case 8, 9, 10 -> c.leases().lock(new LockRequest(me, some(RESOURCES), random.nextInt(4) == 0 ? LeaseMode.SHARED
                    : LeaseMode.EXCLUSIVE, Optional.empty(), Optional.of("work"),
                    pick(tasks(c)).map(TaskId::text).filter(t -> random.nextBoolean()),
                    random.nextInt(12) == 0 ? Optional.of(Duration.ofMillis(300)) : Optional.empty()));
            case 11, 12 -> c.leases().unlock(new UnlockRequest(me, held(c, me, true), Optional.empty(), false, Optional.empty()));
            case 13 -> c.leases().unlock(new UnlockRequest(me, held(c, me, false), Optional.empty(), true, Optional.of("stuck")));
            case 14 -> c.leases().renew(me, random.nextBoolean() ? List.of() : some(RESOURCES), Optional.empty(), Optional.empty());
            case 15, 16 -> create(c, me);
            case 17, 18 -> pick(tasks(c)).ifPresent(t -> c.tasks().claim(me, t, random.nextInt(3) == 0));
            case 19 -> claimNext(c, me);
            case 20 -> mine(c, me).ifPresent(t -> c.tasks().unclaim(me, t, Optional.empty()));
            case 21, 22 -> mine(c, me).ifPresent(t -> c.tasks().done(me, t, Optional.of("ok"), Optional.empty()));
            case 23 -> pick(tasks(c)).ifPresent(t -> {
                if (random.nextBoolean()) {
                    c.tasks().block(me, t, "waiting");
                } else {
                    c.tasks().unblock(me, t);
                }
            });
            case 24 -> pick(tasks(c)).ifPresent(t -> c.tasks().amend(me, t, "more"));
            case 25 -> pick(tasks(c)).ifPresent(t -> c.tasks().escalate(me, t, Optional.of("urgent")));
            case 26 -> pick(tasks(c)).ifPresent(t -> c.tasks().reopen(me, t, Optional.empty()));
            case 27 -> pick(tasks(c)).ifPresent(t -> c.tasks().cancel(me, t, Optional.of("dropped")));
            case 28 -> dependency(c, me);
            case 29 -> c.decisions().decide(me, "use sqlite", pick(tasks(c)).filter(t -> random.nextBoolean()));
            case 30, 36 -> summary(c, me, agents);
            case 31 -> session(c, me);
            case 32, 33 -> c.sessions().recordEdit(ref(me), root, some(EDITED).stream().map(EditTarget::of).toList(), "Edit");
            case 34 -> c.sessions().stop(ref(me));
            case 35 -> c.agents().register(me, new AgentProfile(Optional.empty(),
                    random.nextBoolean() ? List.of(Role.of("reviewer")) : List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
            default -> c.overview().gc();
        }
    }

    private void send(Coordinator c, AgentId me, List<AgentId> agents) {
        String to = random.nextInt(5) == 0 ? "all" : random.nextInt(4) == 0 ? "@reviewer"
                : pick(agents).filter(a -> !a.equals(me)).map(AgentId::value).orElse("all");
        // A reply may answer any message, also one the sender never received.
        Optional<Long> replyTo = pick(c.messages().search("hello", 200).stream().map(m -> m.id()).toList())
                .filter(m -> random.nextBoolean());
        c.messages().send(new SendRequest(me, Address.parseList(to), Optional.empty(), "hello", Importance.NORMAL,
                random.nextBoolean(), Optional.empty(), replyTo));
    }

    private void create(Coordinator c, AgentId me) {
        List<TaskId> known = tasks(c);
        List<TaskId> blockers = random.nextBoolean() ? List.of() : some(known);
        List<String> files = random.nextInt(3) == 0 ? some(RESOURCES) : List.of();
        c.tasks().create(new NewTask(me, "task", Optional.empty(), Optional.empty(), Optional.empty(), files, List.of(),
                pick(known).filter(p -> random.nextInt(4) == 0), blockers));
    }

    private void claimNext(Coordinator c, AgentId me) {
        if (c.tasks().claimNext(me, Optional.empty(), random.nextInt(3) == 0) instanceof ClaimOutcome.Claimed claimed
                && !claimed.task().assignee().equals(Optional.of(me))) {
            throw new AssertionError("claim-next answered a claim held by " + claimed.task().assignee());
        }
    }

    private void dependency(Coordinator c, AgentId me) {
        List<TaskId> known = tasks(c);
        Optional<TaskId> a = pick(known);
        Optional<TaskId> b = pick(known);
        if (a.isPresent() && b.isPresent() && !a.equals(b)) {
            Dependency d = new Dependency(a.get(), b.get());
            if (random.nextInt(3) == 0) {
                c.tasks().removeDependency(me, d);
            } else {
                c.tasks().addDependency(me, d);
            }
        }
    }

    private void summary(Coordinator c, AgentId me, List<AgentId> agents) {
        switch (random.nextInt(4)) {
            case 0 -> c.summaries().startSummary(me, Optional.of(some(agents)));
            case 1 -> c.summaries().collectSummary(me);
            default -> c.summaries().writeSummary(me, "did things");
        }
    }

    /** Session hooks: some calls name the agent, others come from new sessions that register one. */
    private void session(Coordinator c, AgentId me) {
        SessionRef ref = random.nextInt(3) == 0
                ? new SessionRef("claude", Optional.of("s-" + random.nextInt(4)), Optional.empty()) : ref(me);
        switch (random.nextInt(4)) {
            case 0 -> c.sessions().openSession(ref, "startup");
            case 1 -> c.sessions().pushMessages(ref);
            case 2 -> c.sessions().recordEdit(ref, root, List.of(EditTarget.of(some(EDITED).getFirst())), "Write");
            default -> c.sessions().closeSession(ref, "exit");
        }
    }

    private static SessionRef ref(AgentId me) {
        return new SessionRef("claude", Optional.empty(), Optional.of(me));
    }

    private static List<TaskId> tasks(Coordinator c) {
        return c.board().tasks(new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(), 500)).stream()
                .map(Task::id).toList();
    }

    /** Messages addressed to this agent, read or not. */
    private static List<Long> messages(Coordinator c, AgentId me) {
        return c.messages().inbox(me, true).stream().map(e -> e.message().id()).toList();
    }

    /** Mostly resources the agent holds (or, for a forced release, another agent holds); sometimes any. */
    private List<String> held(Coordinator c, AgentId me, boolean own) {
        List<String> live = c.leases().locks(false, Optional.empty()).stream()
                .filter(v -> v.lease().holder().equals(me) == own)
                .map(v -> v.lease().resource().text()).toList();
        return live.isEmpty() || random.nextInt(5) == 0 ? some(RESOURCES) : some(live);
    }

    /** Mostly a task the agent holds; sometimes any. */
    private Optional<TaskId> mine(Coordinator c, AgentId me) {
        List<TaskId> held = c.board().tasks(new TaskFilter(Optional.empty(), Optional.empty(), Optional.of(me), 100)).stream()
                .map(Task::id).toList();
        return held.isEmpty() || random.nextInt(5) == 0 ? pick(tasks(c)) : pick(held);
    }

    private <T> Optional<T> pick(List<T> from) {
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(random.nextInt(from.size())));
    }

    private <T> List<T> some(List<T> from) {
        if (from.isEmpty()) {
            return List.of();
        }
        List<T> chosen = new ArrayList<>();
        int n = 1 + random.nextInt(Math.min(3, from.size()));
        for (int i = 0; i < n; i++) {
            T t = from.get(random.nextInt(from.size()));
            if (!chosen.contains(t)) {
                chosen.add(t);
            }
        }
        return chosen;
    }
}
