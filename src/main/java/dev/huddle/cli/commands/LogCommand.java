package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.Output;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.json.Json;
import java.util.List;
import java.util.Map;

/** {@code huddle log}: the audit trail in causal (Lamport time, agent) order. */
public final class LogCommand implements Command {

    @Override
    public String name() {
        return "log";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("log [--by AGENT] [--kind K] [--task ID] [--path P] [--since SEQ] [--limit N]",
                        "print the event log in causal order")
                .option(Option.value("--by", "AGENT", "events performed by this agent"))
                .option(Option.value("--kind", "K", "events of this kind (or family, e.g. lease)"))
                .option(Option.value("--task", "ID", "events about this task"))
                .option(Option.value("--path", "P", "events about this path or below it"))
                .option(Option.value("--since", "SEQ", "events with a sequence number greater than SEQ"))
                .option(Option.value("--limit", "N", "the latest N matching events (default 100)"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        List<Event> events = inv.coordinator().events().log(filter(inv, 100));
        inv.out().json(Map.of("events", events.stream().map(JsonViews::event).toList()));
        if (events.isEmpty()) {
            inv.out().line("no events");
        }
        events.forEach(e -> inv.out().answer(line(e)));
        return ExitCode.OK;
    }

    static EventFilter filter(Invocation inv, long defaultLimit) {
        var a = inv.args();
        long limit = inv.number("--limit").orElse(defaultLimit);
        if (limit <= 0) {
            throw dev.huddle.core.HuddleException.invalid("--limit must be a positive number");
        }
        return new EventFilter(a.value("--by").map(AgentId::of), a.value("--kind"), a.value("--task"),
                a.value("--path"), inv.number("--since").orElse(0L), (int) Math.min(limit, 100_000));
    }

    static String line(Event e) {
        return "#" + e.seq() + "  t" + e.stamp() + "  " + e.agent().map(AgentId::value).orElse("-") + "  " + e.kind()
                + e.task().map(t -> "  task " + Output.one(t)).orElse("")
                + e.path().map(p -> "  " + Output.one(p)).orElse("")
                + (e.data().isEmpty() ? "" : "  " + Output.one(Json.write(e.data())));
    }
}
