package dev.huddle.app.task;

import dev.huddle.app.Context;
import dev.huddle.core.HuddleException;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Queue;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskGraph;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskScope;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.store.TaskRows;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The board's read use cases, each one read transaction. */
public final class BoardService implements Board {

    /** How much of a task's history {@code task show} includes. */
    private static final int HISTORY = 500;

    private final Context ctx;

    public BoardService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public TaskDetail show(TaskId id) {
        return ctx.read(tx -> detail(tx, TaskRecords.require(tx, id), ctx.now()));
    }

    /** Everything about one task, inside a read the caller holds (the mirror reuses it). */
    static TaskDetail detail(Tx tx, Task task, Instant now) {
        TaskId id = task.id();
        return new TaskDetail(task, tx.dependencies().blockersOf(id), tx.dependencies().dependentsOf(id),
                tx.tasks().remarks(id),
                tx.events().causal(new EventFilter(Optional.empty(), Optional.empty(), Optional.of(id.text()),
                        Optional.empty(), 0, HISTORY)),
                tx.leases().unexpired(now).stream().filter(l -> l.task().filter(id.text()::equalsIgnoreCase).isPresent())
                        .toList(),
                tx.decisions().list(Optional.of(id), HISTORY));
    }

    @Override
    public List<Task> tasks(TaskFilter filter) {
        if (filter.limit() <= 0) {
            throw HuddleException.invalid("--limit must be a positive number (got " + filter.limit() + ")");
        }
        return ctx.read(tx -> tx.tasks().list(filter));
    }

    @Override
    public ReadyList ready(Optional<String> queue, int limit) {
        if (limit <= 0) {
            throw HuddleException.invalid("--limit must be a positive number (got " + limit + ")");
        }
        Optional<String> only = queue.map(Queue::name).map(q -> ctx.settings().queues().require(q).name());
        List<Task> found = ctx.read(tx -> tx.tasks().ready(new TaskScope(only, List.of()), limit + 1));
        return new ReadyList(found.subList(0, Math.min(limit, found.size())), found.size() > limit);
    }

    @Override
    public DependencyTree tree(TaskId id) {
        return ctx.read(tx -> {
            Task root = TaskRecords.require(tx, id);
            DependencyTree upstream = upstream(tx, root, new HashSet<>());
            return new DependencyTree(root, upstream.blockers(), false, tx.dependencies().dependentsOf(id));
        });
    }

    private static DependencyTree upstream(Tx tx, Task task, Set<TaskId> seen) {
        if (!seen.add(task.id())) {
            return new DependencyTree(task, List.of(), true, List.of());
        }
        List<DependencyTree> blockers = new ArrayList<>();
        for (Task b : tx.dependencies().blockersOf(task.id())) {
            blockers.add(upstream(tx, b, seen));
        }
        return new DependencyTree(task, blockers, false, List.of());
    }

    @Override
    public List<QueueView> queues() {
        return ctx.read(tx -> {
            Map<String, Map<TaskStatus, Long>> counts = new TreeMap<>();
            for (TaskRows.Count c : tx.tasks().counts()) {
                counts.computeIfAbsent(c.queue(), q -> new EnumMap<>(TaskStatus.class)).put(c.status(), c.tasks());
            }
            Map<String, Long> overdue = tx.tasks().overdue(ctx.now(), Optional.empty()).stream()
                    .collect(Collectors.groupingBy(Task::queue, Collectors.counting()));
            Map<String, QueueView> views = new LinkedHashMap<>();
            for (Queue q : ctx.settings().queues().all()) {
                views.put(q.name(), new QueueView(q.name(), Optional.of(q), counts.getOrDefault(q.name(), Map.of()),
                        overdue.getOrDefault(q.name(), 0L)));
            }
            counts.forEach((name, c) -> views.putIfAbsent(name,
                    new QueueView(name, Optional.empty(), c, overdue.getOrDefault(name, 0L))));
            return List.copyOf(views.values());
        });
    }

    @Override
    public List<Task> overdue(Optional<String> queue) {
        Optional<String> only = queue.map(Queue::name);
        return ctx.read(tx -> tx.tasks().overdue(ctx.now(), only));
    }

    @Override
    public List<BlockedTask> blocked() {
        return ctx.read(tx -> {
            Map<TaskId, Task> tasks = new HashMap<>();
            Map<TaskId, List<Task>> waitingOn = new TreeMap<>();
            for (Task t : tx.tasks().blocked()) {
                tasks.put(t.id(), t);
                waitingOn.put(t.id(), new ArrayList<>());
            }
            for (Dependency d : tx.dependencies().unresolved()) {
                Task blocker = tasks.computeIfAbsent(d.blocker(), b -> TaskRecords.require(tx, b));
                tasks.computeIfAbsent(d.blocked(), b -> TaskRecords.require(tx, b));
                waitingOn.computeIfAbsent(d.blocked(), k -> new ArrayList<>()).add(blocker);
            }
            return waitingOn.entrySet().stream()
                    .map(e -> new BlockedTask(tasks.get(e.getKey()), TaskGraph.openBlockers(e.getValue())))
                    .toList();
        });
    }
}
