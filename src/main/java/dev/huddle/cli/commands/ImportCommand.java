package dev.huddle.cli.commands;

import dev.huddle.app.mirror.Imported;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code huddle import FILE}: restore an {@code export --jsonl} dump into an empty store. */
public final class ImportCommand implements Command {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("import FILE", "restore an 'export --jsonl' dump into an empty store (refused otherwise)")
                .positionals(1, 1)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        Imported imported = inv.coordinator().mirror().importJsonl(Path.of(inv.args().positional(0)));
        Map<String, Long> rows = new TreeMap<>(imported.rows());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", imported.path());
        json.put("rows", rows);
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        inv.out().answer((inv.dryRun() ? "dry run: would restore " : "restored ") + total + " row(s) from " + imported.path());
        rows.forEach((table, n) -> inv.out().line("  " + table + ": " + n));
        return ExitCode.OK;
    }
}
