package dev.huddle.cli.commands;

import dev.huddle.app.task.DependencyChange;
import dev.huddle.app.task.DependencyTree;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.BoardText;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.TaskId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code huddle dep add|rm BLOCKER BLOCKED} and {@code huddle dep tree ID}: "A blocks B". */
public final class DepCommand implements Command {

    @Override
    public String name() {
        return "dep";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("dep add BLOCKER BLOCKED | dep rm BLOCKER BLOCKED | dep tree ID",
                        "BLOCKER blocks BLOCKED (a cycle is refused, naming it); tree shows what blocks a task")
                .positionals(1, 3)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        String sub = Subcommands.of(inv, "dep", List.of("add", "rm", "tree"));
        Subcommands.allow(inv, "dep", sub, Map.of());
        if (sub.equals("tree")) {
            DependencyTree tree = inv.coordinator().board().tree(TaskId.parse(Subcommands.words(inv, "dep tree ID", 1, 1).getFirst()));
            Map<String, Object> json = BoardJson.tree(tree);
            json.put("blocks", BoardJson.refs(tree.blocks()));
            inv.out().json(json);
            inv.out().answer(BoardText.tree(tree));
            return ExitCode.OK;
        }
        List<String> ids = Subcommands.words(inv, "dep " + sub + " BLOCKER BLOCKED", 2, 2);
        Dependency d = new Dependency(TaskId.parse(ids.get(0)), TaskId.parse(ids.get(1)));
        DependencyChange change = sub.equals("add")
                ? inv.coordinator().tasks().addDependency(inv.requireCaller(), d)
                : inv.coordinator().tasks().removeDependency(inv.requireCaller(), d);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blocker", d.blocker().text());
        json.put("blocked", d.blocked().text());
        json.put("changed", change.changed());
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        String relation = d.blocker() + " blocks " + d.blocked();
        inv.out().answer(inv.dryRun() ? "dry run: would " + (sub.equals("add") ? "add: " : "remove: ") + relation
                : !change.changed() ? (sub.equals("add") ? "already: " : "there was no dependency: ") + relation
                : (sub.equals("add") ? "added: " : "removed: ") + relation);
        return ExitCode.OK;
    }
}
