package dev.huddle.cli.commands;

import dev.huddle.app.task.BlockedTask;
import dev.huddle.app.task.QueueView;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.BoardText;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.Output;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.task.Queue;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.core.time.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code huddle queue list|check|blockers}: the queues, their health, and what is stuck. */
public final class QueueCommand implements Command {

    /** Waiting tasks shown per queue, oldest first; the rest are counted. */
    private static final int WAITING_SHOWN = 20;
    /** Tasks read per status: the oldest ones, which are the ones that matter against an SLA. */
    private static final int WAITING_READ = 500;
    private static final Comparator<Task> BY_AGE = Comparator.comparing(Task::createdAt)
            .thenComparing(t -> t.id().text());

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("queue list | queue check [Q] [--overdue] | queue blockers",
                        "queues with handler, SLA and counts; check: the tasks waiting in each, their age against the SLA, and the overdue ones; blocked tasks and why")
                .option(Option.flag("--overdue", "check: list only the overdue tasks"))
                .positionals(1, 2)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        String sub = Subcommands.of(inv, "queue", List.of("list", "check", "blockers"));
        Subcommands.allow(inv, "queue", sub, Map.of("check", List.of("--overdue")));
        return switch (sub) {
            case "list" -> list(inv);
            case "check" -> check(inv, Subcommands.words(inv, "queue check [Q] [--overdue]", 0, 1).stream().findFirst());
            default -> blockers(inv);
        };
    }

    private static int list(Invocation inv) {
        Subcommands.words(inv, "queue list", 0, 0);
        List<QueueView> queues = inv.coordinator().board().queues();
        inv.out().json(Map.of("queues", queues.stream().map(BoardJson::queue).toList()));
        queues.forEach(q -> inv.out().answer(row(q)));
        return ExitCode.OK;
    }

    private static String row(QueueView q) {
        String config = q.config().map(c -> "prefix " + c.idPrefix() + c.handler().map(h -> ", handler @" + h).orElse("")
                + c.sla().map(s -> ", SLA " + DurationText.format(s)).orElse("")).orElse("not configured");
        return q.name() + "  (" + config + ")  open " + q.count(TaskStatus.OPEN) + ", claimed " + q.count(TaskStatus.CLAIMED)
                + ", blocked " + q.count(TaskStatus.BLOCKED) + ", done " + q.count(TaskStatus.DONE) + ", cancelled "
                + q.count(TaskStatus.CANCELLED) + (q.overdue() > 0 ? ", OVERDUE " + q.overdue() : "");
    }

    private static int check(Invocation inv, Optional<String> queue) {
        Optional<String> name = queue.map(Queue::name);
        List<QueueView> views = inv.coordinator().board().queues().stream()
                .filter(q -> name.isEmpty() || q.name().equals(name.get())).toList();
        if (name.isPresent() && views.isEmpty()) {
            inv.settings().queues().require(name.get());
        }
        List<Task> overdue = inv.coordinator().board().overdue(name);
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        if (!inv.args().has("--overdue")) {
            Map<String, List<Task>> waiting = waiting(inv, name);
            List<Map<String, Object>> queues = new ArrayList<>();
            for (QueueView q : views) {
                List<Task> all = waiting.getOrDefault(q.name(), List.of());
                List<Task> shown = all.subList(0, Math.min(WAITING_SHOWN, all.size()));
                Optional<Duration> sla = q.config().flatMap(Queue::sla);
                Map<String, Object> m = BoardJson.queue(q);
                m.put("waiting", shown.stream().map(t -> {
                    Map<String, Object> task = BoardJson.task(t, now);
                    task.put("age_seconds", Duration.between(t.createdAt(), now).toSeconds());
                    return task;
                }).toList());
                m.put("waiting_more", all.size() > shown.size());
                queues.add(m);
                inv.out().answer(row(q));
                shown.forEach(t -> inv.out().answer("  " + BoardText.line(t, now) + "  " + BoardText.age(t, sla, now)));
                if (all.size() > shown.size()) {
                    inv.out().answer("  ... and " + (all.size() - shown.size()) + " more waiting ('huddle task list --queue "
                            + q.name() + "')");
                }
            }
            json.put("queues", queues);
        }
        json.put("overdue", BoardJson.tasks(overdue, now));
        inv.out().json(json);
        if (overdue.isEmpty()) {
            inv.out().line("nothing is overdue");
        } else {
            inv.out().answer(overdue.size() + " overdue:");
        }
        overdue.forEach(t -> inv.out().answer("  " + BoardText.line(t, now)));
        return ExitCode.OK;
    }

    /**
     * The tasks waiting in each queue: every one not done or cancelled (open, claimed or blocked,
     * since the SLA runs until a task is finished), oldest first.
     */
    private static Map<String, List<Task>> waiting(Invocation inv, Optional<String> queue) {
        List<Task> unresolved = new ArrayList<>();
        for (TaskStatus status : List.of(TaskStatus.OPEN, TaskStatus.CLAIMED, TaskStatus.BLOCKED)) {
            unresolved.addAll(inv.coordinator().board().tasks(new TaskFilter(Optional.of(status), queue, Optional.empty(), WAITING_READ)));
        }
        unresolved.sort(BY_AGE);
        Map<String, List<Task>> byQueue = new LinkedHashMap<>();
        unresolved.forEach(t -> byQueue.computeIfAbsent(t.queue(), k -> new ArrayList<>()).add(t));
        return byQueue;
    }

    private static int blockers(Invocation inv) {
        Subcommands.words(inv, "queue blockers", 0, 0);
        List<BlockedTask> blocked = inv.coordinator().board().blocked();
        Instant now = Instant.now();
        inv.out().json(Map.of("blocked", blocked.stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", BoardJson.task(b.task(), now));
            m.put("blocked_by", BoardJson.refs(b.openBlockers()));
            b.task().blockedReason().ifPresent(r -> m.put("reason", r));
            return m;
        }).toList()));
        if (blocked.isEmpty()) {
            inv.out().line("nothing is blocked");
        }
        for (BlockedTask b : blocked) {
            inv.out().answer(BoardText.line(b.task(), now));
            b.task().blockedReason().ifPresent(r -> inv.out().answer("  blocked: " + Output.one(r)));
            if (!b.openBlockers().isEmpty()) {
                inv.out().answer("  waits on " + BoardText.refs(b.openBlockers()));
            }
        }
        return ExitCode.OK;
    }
}
