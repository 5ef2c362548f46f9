package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.integration.install.Installer;

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
        return ArgSpec.of("uninstall <claude|codex|gemini|cursor> [--scope project|user]",
                        "remove what 'huddle install' added (the original comes back when nothing else changed)")
                .option(Option.value("--scope", "SCOPE", "project (default) or user, as it was installed"))
                .positionals(1, 1)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var report = Installer.uninstall(InstallOutput.target(inv, false), inv.dryRun());
        InstallOutput.render(inv, report, "uninstall");
        return ExitCode.OK;
    }
}
