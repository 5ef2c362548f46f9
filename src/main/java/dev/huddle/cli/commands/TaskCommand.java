package dev.huddle.cli.commands;

import dev.huddle.app.task.NewTask;
import dev.huddle.app.task.TaskDetail;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.BoardText;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.core.task.Queue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code huddle task new|show|list}: create a task, show one, list the board. */
public final class TaskCommand implements Command {

    private static final Map<String, List<String>> OPTIONS = Map.of(
            "new", List.of("--description", "--queue", "--priority", "--file", "--label", "--parent", "--blocked-by"),
            "list", List.of("--status", "--queue", "--assignee", "--limit"));

    @Override
    public String name() {
        return "task";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("task new TITLE... [--description (TEXT|-)] [--queue Q] [--priority P0..P4] [--file PATTERN]..."
                                + " [--label L]... [--parent ID] [--blocked-by ID]... | task show ID"
                                + " | task list [--status S] [--queue Q] [--assignee A] [--limit N]",
                        "create a task, show one with its history, or list the board")
                .option(Option.text("--description", "TEXT", "new: details, or '-' to read them from stdin"))
                .option(Option.value("--queue", "Q", "new: the queue (default: default); list: only this queue"))
                .option(Option.value("--priority", "P", "new: P0 (most urgent) .. P4; default P2"))
                .option(Option.repeated("--file", "PATTERN", "new: a file or glob the task touches (claim --reserve leases them)"))
                .option(Option.repeated("--label", "L", "new: a label"))
                .option(Option.value("--parent", "ID", "new: the parent task"))
                .option(Option.repeated("--blocked-by", "ID", "new: a task that must be done first"))
                .option(Option.value("--status", "S", "list: open, claimed, blocked, done or cancelled"))
                .option(Option.value("--assignee", "A", "list: only tasks claimed by agent A"))
                .option(Option.value("--limit", "N", "list: at most N tasks (default 500)"))
                .positionals(1, Integer.MAX_VALUE)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        String sub = Subcommands.of(inv, "task", List.of("new", "show", "list"));
        Subcommands.allow(inv, "task", sub, OPTIONS);
        return switch (sub) {
            case "new" -> create(inv);
            case "show" -> show(inv, TaskId.parse(Subcommands.words(inv, "task show ID", 1, 1).getFirst()));
            default -> list(inv);
        };
    }

    private static int create(Invocation inv) {
        var a = inv.args();
        String title = String.join(" ", Subcommands.words(inv, "task new TITLE...", 1, Integer.MAX_VALUE));
        int max = inv.settings().maxMessageBytes();
        NewTask request = new NewTask(inv.requireCaller(), title,
                a.value("--description").map(d -> inv.text(List.of(d), max, "description")), a.value("--queue"),
                a.value("--priority").map(Priority::parse), a.values("--file"), a.values("--label"),
                a.value("--parent").map(TaskId::parse), a.values("--blocked-by").stream().map(TaskId::parse).toList());
        Task task = inv.coordinator().tasks().create(request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", BoardJson.task(task, Instant.now()));
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        inv.out().answer((inv.dryRun() ? "dry run: would create " : "created ") + BoardText.line(task, Instant.now()));
        return ExitCode.OK;
    }

    private static int show(Invocation inv, TaskId id) {
        TaskDetail d = inv.coordinator().board().show(id);
        Instant now = Instant.now();
        Map<String, Object> json = BoardJson.task(d.task(), now);
        json.put("blocked_by", BoardJson.refs(d.blockers()));
        json.put("blocks", BoardJson.refs(d.blocks()));
        json.put("remarks", d.remarks().stream().map(BoardJson::remark).toList());
        json.put("leases", d.leases().stream().map(l -> JsonViews.lease(l, now)).toList());
        json.put("decisions", d.decisions().stream().map(BoardJson::decision).toList());
        json.put("history", d.history().stream().map(JsonViews::event).toList());
        inv.out().json(json);
        inv.out().answer(TaskShowText.render(d, now));
        return ExitCode.OK;
    }

    private static int list(Invocation inv) {
        Subcommands.words(inv, "task list [--status S] [--queue Q] [--assignee A]", 0, 0);
        var a = inv.args();
        TaskFilter filter = new TaskFilter(a.value("--status").map(TaskStatus::parse), a.value("--queue").map(Queue::name),
                a.value("--assignee").map(AgentId::of), (int) Math.min(Integer.MAX_VALUE, inv.number("--limit").orElse(500L)));
        List<Task> tasks = inv.coordinator().board().tasks(filter);
        Instant now = Instant.now();
        inv.out().json(Map.of("tasks", BoardJson.tasks(tasks, now)));
        if (tasks.isEmpty()) {
            inv.out().line("no tasks");
        }
        tasks.forEach(t -> inv.out().answer(BoardText.line(t, now)));
        return ExitCode.OK;
    }
}
