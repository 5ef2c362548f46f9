package dev.huddle.cli.commands;

import dev.huddle.app.agent.AgentView;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.Output;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.time.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code huddle agents}: who is here, with presence and pointstamps. */
public final class AgentsCommand implements Command {

    @Override
    public String name() {
        return "agents";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("agents [--all]", "list agents and their presence (--all: also departed ones)")
                .option(Option.flag("--all", "include agents that left"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        List<AgentView> agents = inv.coordinator().agents().agents(inv.args().has("--all"));
        inv.out().json(Map.of("agents", agents.stream().map(JsonViews::agent).toList()));
        if (agents.isEmpty()) {
            inv.out().line("no agents registered; add one with 'huddle register ID'");
        }
        agents.forEach(v -> inv.out().answer(row(v)));
        return ExitCode.OK;
    }

    static String row(AgentView v) {
        var a = v.agent();
        String seen = DurationText.format(Duration.between(a.lastSeen(), Instant.now()));
        return a.id() + (a.displayName().equals(a.id().value()) ? "" : " (" + Output.one(a.displayName()) + ")")
                + "  " + v.presence().label() + ", seen " + seen + " ago"
                + "  at " + a.at()
                + (a.profile().roles().isEmpty() ? "" : "  roles " + a.profile().roles())
                + a.profile().program().map(p -> "  " + Output.one(p)).orElse("")
                + a.profile().task().map(t -> "  task: " + Output.one(t)).orElse("");
    }
}
