package dev.huddle.cli.commands;

import dev.huddle.app.mirror.Migrated;
import dev.huddle.boot.StoreMigration;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code huddle migrate --to URL|PATH}: copy the whole current store into an empty PostgreSQL
 * database or a new SQLite file, in one transaction of the target, holding the source's writers'
 * lock meanwhile. Agents switch over by pointing HUDDLE_DB at the target afterwards.
 */
public final class MigrateCommand implements Command {

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("migrate --to URL|PATH",
                        "copy the whole store into an empty PostgreSQL database or a new SQLite file (stop writers first)")
                .option(Option.value("--to", "URL|PATH", "postgresql://user@host:port/db (an empty database) or a new SQLite file"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        String to = inv.args().value("--to").orElseThrow(() -> new UsageException(
                "'huddle migrate' needs --to URL|PATH: a PostgreSQL URL or the path of a new SQLite file"));
        Migrated m = StoreMigration.run(inv.runtime().location(), to, inv.cwd(), inv.dryRun());
        Map<String, Long> rows = new TreeMap<>(m.rows());
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        String next = "set HUDDLE_DB=" + m.to() + " (with its password, if any) for every agent, hook and 'huddle serve';"
                + " writes made to " + m.from() + " from now on are not in the copy";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", m.from());
        json.put("to", m.to());
        json.put("rows", rows);
        json.put("dry_run", m.dryRun());
        json.put("next", next);
        inv.out().json(json);
        inv.out().answer((m.dryRun() ? "dry run: would copy " : "copied ") + total + " row(s) from " + m.from() + " to " + m.to());
        rows.forEach((table, n) -> inv.out().line("  " + table + ": " + n));
        if (!m.dryRun()) {
            inv.out().line("next: " + next);
        }
        return ExitCode.OK;
    }
}
