package dev.huddle.cli.commands;

import dev.huddle.app.overview.Initialised;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.integration.AgentsMd;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code huddle init}: create the store and put Huddle's section into AGENTS.md (idempotent). */
public final class InitCommand implements Command {

    @Override
    public String name() {
        return "init";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("init [--agent ID] [--no-agents-md]",
                        "create the store; add Huddle's section to AGENTS.md; register --agent ID if given")
                .option(Option.flag("--no-agents-md", "leave AGENTS.md alone"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        Initialised init = inv.coordinator().overview().init();
        Optional<AgentId> agent = inv.args().value("--agent").map(AgentId::of);
        agent.ifPresent(id -> inv.coordinator().agents().register(id, AgentProfile.empty(), Optional.empty()));
        String agentsMd = inv.args().has("--no-agents-md") ? "skipped" : agentsMd(inv);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", init.location());
        json.put("created", init.created());
        json.put("agents_md", agentsMd);
        agent.ifPresent(id -> json.put("agent", id.value()));
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        String prefix = inv.dryRun() ? "dry run: would use " : init.created() ? "created store " : "store ready at ";
        inv.out().answer(prefix + init.location());
        inv.out().line("AGENTS.md: " + agentsMd);
        agent.ifPresent(id -> inv.out().line("registered " + id + "; export HUDDLE_AGENT=" + id));
        return ExitCode.OK;
    }

    private static String agentsMd(Invocation inv) {
        return AgentsMd.write(inv.runtime().location().repoRoot(), inv.dryRun()).label();
    }
}
