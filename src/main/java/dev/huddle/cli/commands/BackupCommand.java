package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import java.nio.file.Path;
import java.util.Map;

/** {@code huddle backup FILE}: a consistent copy of the live store; restore by pointing HUDDLE_DB at it. */
public final class BackupCommand implements Command {

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("backup FILE", "write a consistent copy of the store to a new FILE (safe while agents work)")
                .positionals(1, 1)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        String written = inv.coordinator().overview().backup(Path.of(inv.args().positional(0)));
        inv.out().json(Map.of("backup", written));
        inv.out().answer("backed up " + inv.coordinator().overview().status(java.util.Optional.empty()).store() + " to " + written);
        return ExitCode.OK;
    }
}
