package dev.huddle.core.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dependency rules of the board (DESIGN §4.6, §9). A task is <em>ready</em> when it is open,
 * unassigned, and every blocker is resolved (done or cancelled). Ready tasks are taken by
 * priority, then age, then id. Dependencies may not form a cycle.
 */
public final class TaskGraph {

    /** The order in which ready tasks are listed and claimed: P0 first, then oldest, then lowest id. */
    public static final Comparator<Task> ORDER = Comparator.comparing(Task::priority)
            .thenComparing(Task::createdAt)
            .thenComparing(Task::id);

    private TaskGraph() {}

    /** The blockers that still block: not done or cancelled, in id order. */
    public static List<Task> openBlockers(Collection<Task> blockers) {
        return blockers.stream().filter(b -> !b.status().resolved()).sorted(Comparator.comparing(Task::id)).toList();
    }

    /** Whether {@code task}, whose blockers are {@code blockers}, may be claimed as it stands. */
    public static boolean ready(Task task, Collection<Task> blockers) {
        return task.status() == TaskStatus.OPEN && task.assignee().isEmpty() && openBlockers(blockers).isEmpty();
    }

    /** Every ready task of a board, in {@link #ORDER}. */
    public static List<Task> ready(Collection<Task> tasks, Collection<Dependency> dependencies) {
        Map<TaskId, Task> byId = tasks.stream().collect(Collectors.toMap(Task::id, Function.identity()));
        Map<TaskId, List<Task>> blockers = new HashMap<>();
        for (Dependency d : dependencies) {
            Task blocker = byId.get(d.blocker());
            if (blocker != null) {
                blockers.computeIfAbsent(d.blocked(), k -> new ArrayList<>()).add(blocker);
            }
        }
        return tasks.stream()
                .filter(t -> ready(t, blockers.getOrDefault(t.id(), List.of())))
                .sorted(ORDER)
                .toList();
    }

    /**
     * The cycle that adding {@code edge} to {@code existing} would close, as the path
     * blocker → blocked → … → blocker; empty when the edge is safe. Deterministic: among several
     * cycles, the one found by a breadth-first search over ids in order.
     */
    public static Optional<List<TaskId>> cycleIfAdded(Collection<Dependency> existing, Dependency edge) {
        Map<TaskId, TreeSet<TaskId>> blocks = new TreeMap<>();
        for (Dependency d : existing) {
            blocks.computeIfAbsent(d.blocker(), k -> new TreeSet<>()).add(d.blocked());
        }
        // The edge closes a cycle when its blocker is already reachable from its blocked task.
        Map<TaskId, TaskId> cameFrom = new HashMap<>();
        Deque<TaskId> queue = new ArrayDeque<>(List.of(edge.blocked()));
        cameFrom.put(edge.blocked(), edge.blocked());
        while (!queue.isEmpty()) {
            TaskId at = queue.removeFirst();
            if (at.equals(edge.blocker())) {
                return Optional.of(path(cameFrom, edge));
            }
            for (TaskId next : blocks.getOrDefault(at, new TreeSet<>())) {
                if (cameFrom.putIfAbsent(next, at) == null) {
                    queue.addLast(next);
                }
            }
        }
        return Optional.empty();
    }

    private static List<TaskId> path(Map<TaskId, TaskId> cameFrom, Dependency edge) {
        List<TaskId> back = new ArrayList<>();
        for (TaskId at = edge.blocker(); !at.equals(edge.blocked()); at = cameFrom.get(at)) {
            back.add(at);
        }
        back.add(edge.blocked());
        back.add(edge.blocker());
        return back.reversed();
    }

    /** {@code T-1 → T-2 → T-1}, for messages. */
    public static String describe(List<TaskId> path) {
        return path.stream().map(TaskId::text).collect(Collectors.joining(" → "));
    }
}
