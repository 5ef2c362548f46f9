package dev.huddle.cli.commands;

import dev.huddle.app.task.ReadyList;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.BoardText;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code huddle ready}: tasks anyone may claim now, by priority then age. */
public final class ReadyCommand implements Command {

    @Override
    public String name() {
        return "ready";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("ready [--queue Q] [--limit N]", "tasks that are open, unclaimed and unblocked, most urgent first")
                .option(Option.value("--queue", "Q", "only this queue"))
                .option(Option.value("--limit", "N", "at most N tasks (default 100)"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        int limit = (int) Math.min(100_000, inv.number("--limit").orElse(100L));
        ReadyList ready = inv.coordinator().board().ready(inv.args().value("--queue"), limit);
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tasks", BoardJson.tasks(ready.tasks(), now));
        json.put("more", ready.more());
        inv.out().json(json);
        if (ready.tasks().isEmpty()) {
            inv.out().line("nothing is ready");
        }
        ready.tasks().forEach(t -> inv.out().answer(BoardText.line(t, now)));
        if (ready.more()) {
            inv.out().line("... more ready tasks (raise --limit)");
        }
        return ExitCode.OK;
    }
}
