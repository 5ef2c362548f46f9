package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.integration.install.Installer;

/**
 * {@code huddle install <program>}: merge Huddle's hooks into the program's settings without
 * clobbering them (backup first, idempotent, {@code --dry-run} shows the diff), with what goes
 * along (Claude's skill, Codex's trust records, the AGENTS.md section).
 */
public final class InstallCommand implements Command {

    @Override
    public String name() {
        return "install";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("install <claude|codex|gemini|cursor> [--scope project|user] [--no-agents-md] [--http URL]",
                        "add Huddle's hooks to an agent program's settings (backup first; re-running changes nothing)")
                .option(Option.value("--scope", "SCOPE", "project (the repository's settings, default) or user (yours, every repository)"))
                .option(Option.flag("--no-agents-md", "leave AGENTS.md alone"))
                .option(Option.value("--http", "URL", "Claude Code only: HTTP hooks posting to the 'huddle serve' at URL (token from HUDDLE_TOKEN)"))
                .positionals(1, 1)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var http = InstallOutput.http(inv);
        var report = Installer.install(InstallOutput.target(inv, !inv.args().has("--no-agents-md"), http), inv.dryRun());
        InstallOutput.render(inv, report, "install");
        return ExitCode.OK;
    }
}
