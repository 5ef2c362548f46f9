package dev.huddle.cli.commands;

import dev.huddle.app.mirror.Exported;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.UsageException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code huddle export --markdown DIR | --jsonl FILE}: a readable mirror, or a dump that {@code import} restores. */
public final class ExportCommand implements Command {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("export --markdown DIR | export --jsonl FILE",
                        "write a readable Markdown mirror, or every table as JSON lines (restore with 'huddle import')")
                .option(Option.value("--markdown", "DIR", "the mirror's directory (created; pages are replaced)"))
                .option(Option.value("--jsonl", "FILE", "a new file for the dump (an existing one is refused)"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var md = inv.args().value("--markdown");
        var jsonl = inv.args().value("--jsonl");
        if (md.isPresent() == jsonl.isPresent()) {
            throw new UsageException("'huddle export' needs exactly one of --markdown DIR or --jsonl FILE");
        }
        Exported e = md.isPresent() ? inv.coordinator().mirror().exportMarkdown(Path.of(md.get()))
                : inv.coordinator().mirror().exportJsonl(Path.of(jsonl.get()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", md.isPresent() ? "markdown" : "jsonl");
        json.put("path", e.path());
        json.put(md.isPresent() ? "files" : "lines", e.count());
        inv.out().json(json);
        inv.out().answer("exported " + e.count() + (md.isPresent() ? " file(s) to " : " line(s) to ") + e.path());
        return ExitCode.OK;
    }
}
