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
import dev.huddle.core.task.TaskStatus;
import dev.huddle.core.time.DurationText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code huddle queue list|check|blockers}: the queues, their health, and what is stuck. */
public final class QueueCommand implements Command {

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
                        "queues with handler, SLA and counts; overdue tasks (past the SLA, not done); blocked tasks and why")
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
        List<QueueView> queues = inv.coordinator().queues();
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
        List<QueueView> views = inv.coordinator().queues().stream()
                .filter(q -> name.isEmpty() || q.name().equals(name.get())).toList();
        if (name.isPresent() && views.isEmpty()) {
            inv.settings().queues().require(name.get());
        }
        List<Task> overdue = inv.coordinator().overdue(name);
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        if (!inv.args().has("--overdue")) {
            json.put("queues", views.stream().map(BoardJson::queue).toList());
            views.forEach(q -> inv.out().answer(row(q)));
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

    private static int blockers(Invocation inv) {
        Subcommands.words(inv, "queue blockers", 0, 0);
        List<BlockedTask> blocked = inv.coordinator().blocked();
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
