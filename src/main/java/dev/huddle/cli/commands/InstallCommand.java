package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.UsageException;
import dev.huddle.integration.install.Installer;
import dev.huddle.integration.install.McpInstaller;

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
        return ArgSpec.of("install <claude|codex|gemini|cursor> [--scope project|user] [--no-agents-md] [--http URL] [--mcp]",
                        "add Huddle's hooks to an agent program's settings (backup first; re-running changes nothing)")
                .option(Option.value("--scope", "SCOPE", "project (the repository's settings, default) or user (yours, every repository)"))
                .option(Option.flag("--no-agents-md", "leave AGENTS.md alone"))
                .option(Option.value("--http", "URL", "Claude Code only: HTTP hooks posting to the 'huddle serve' at URL (token from HUDDLE_TOKEN)"))
                .option(Option.flag("--mcp", "add Huddle's MCP server ('huddle mcp') to the program's MCP config instead of hooks"))
                .positionals(1, 1)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        if (inv.args().has("--mcp")) {
            if (inv.args().has("--http")) {
                throw new UsageException("--http is for hooks: with --mcp the program starts 'huddle mcp' itself;"
                        + " over HTTP an MCP client reaches 'huddle serve' at /mcp");
            }
            InstallOutput.render(inv, McpInstaller.install(InstallOutput.target(inv, false), inv.dryRun()), "install");
            return ExitCode.OK;
        }
        var http = InstallOutput.http(inv);
        var report = Installer.install(InstallOutput.target(inv, !inv.args().has("--no-agents-md"), http), inv.dryRun());
        InstallOutput.render(inv, report, "install");
        return ExitCode.OK;
    }
}
