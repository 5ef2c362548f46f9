package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.integration.install.Installer;
import dev.huddle.integration.install.McpInstaller;

/**
 * {@code huddle uninstall <program>}: remove exactly what {@code install} added; the original file
 * comes back byte for byte when nothing else changed since.
 */
public final class UninstallCommand implements Command {

    @Override
    public String name() {
        return "uninstall";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("uninstall <claude|codex|gemini|cursor> [--scope project|user] [--mcp]",
                        "remove what 'huddle install' added (the original comes back when nothing else changed)")
                .option(Option.value("--scope", "SCOPE", "project (default) or user, as it was installed"))
                .option(Option.flag("--mcp", "remove Huddle's MCP server from the program's MCP config (as 'install --mcp' added it)"))
                .positionals(1, 1)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        if (inv.args().has("--mcp")) {
            InstallOutput.render(inv, McpInstaller.uninstall(InstallOutput.target(inv, false), inv.dryRun()), "uninstall");
            return ExitCode.OK;
        }
        var report = Installer.uninstall(InstallOutput.target(inv, false), inv.dryRun());
        InstallOutput.render(inv, report, "uninstall");
        return ExitCode.OK;
    }
}
