package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.Launcher;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.UsageException;
import dev.huddle.integration.guard.Git;
import dev.huddle.integration.guard.GuardInstaller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code huddle guard install|uninstall|check}: git hooks that refuse a commit or push touching a
 * file another live agent holds exclusively (DESIGN §5 "Git guard"); the check itself is
 * {@link GuardCheckRun}.
 */
public final class GuardCommand implements Command {

    private static final List<String> SUBS = List.of("install", "uninstall", "check");

    @Override
    public String name() {
        return "guard";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("guard install | guard uninstall | guard check [--staged] [--push REMOTE]",
                        "git hooks that refuse a commit or push touching a file another agent holds")
                .option(Option.flag("--staged", "check: the files the next commit writes (the index)"))
                .option(Option.value("--push", "REMOTE", "check: the commits a push sends (pre-push lines on stdin)"))
                .positionals(1, 1)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        String sub = Subcommands.of(inv, "guard", SUBS);
        boolean check = sub.equals("check");
        if (check && inv.dryRun() || !check && (inv.args().has("--staged") || inv.args().has("--push"))) {
            throw new UsageException(check ? "option --dry-run does not apply to 'huddle guard check': it changes nothing"
                    : "--staged and --push apply to 'huddle guard check' only");
        }
        if (check) {
            return GuardCheckRun.run(inv);
        }
        var hooksDir = new Git(inv.cwd()).hooksDir();
        var outcomes = sub.equals("install") ? GuardInstaller.install(hooksDir, Launcher.locate(inv), inv.dryRun())
                : GuardInstaller.uninstall(hooksDir, inv.dryRun());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hooks_dir", hooksDir.toString());
        json.put("dry_run", inv.dryRun());
        json.put("hooks", outcomes.stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hook", o.hook());
            m.put("path", o.file().toString());
            m.put("action", o.action().label());
            m.put("chained", o.chained());
            return m;
        }).toList());
        inv.out().json(json);
        for (var o : outcomes) {
            inv.out().answer((inv.dryRun() ? "dry run: " : "") + o.file() + ": " + o.action().label()
                    + (o.chained() && sub.equals("install") ? " (the hook that was there runs first, as " + o.hook() + ".huddle-chained)"
                    : o.action() == GuardInstaller.Action.LEFT_ALONE ? " (not Huddle's)" : ""));
        }
        return ExitCode.OK;
    }
}
