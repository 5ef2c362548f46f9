package dev.huddle.cli.commands;

import dev.huddle.app.agent.Registration;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import java.util.Map;

/** {@code huddle register}: create an agent, or update the given fields of an existing one. */
public final class RegisterCommand implements Command {

    @Override
    public String name() {
        return "register";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("register ID [--name N] [--role R]... [--program P] [--model M] [--task TEXT] [--epoch N]",
                        "register an agent (re-registering updates the given fields)")
                .option(Option.value("--name", "N", "display name, unique among present agents"))
                .option(Option.repeated("--role", "R", "a role it plays, addressable as @R"))
                .option(Option.value("--program", "P", "the agent program: claude, codex, gemini, cursor, shell"))
                .option(Option.value("--model", "M", "the model it runs"))
                .option(Option.value("--task", "TEXT", "what it is working on"))
                .option(Option.value("--worktree", "PATH", "its worktree"))
                .option(Option.value("--branch", "B", "its branch"))
                .option(Option.value("--epoch", "N", "starting epoch for the frontier (default 0)"))
                .positionals(1, 1)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var a = inv.args();
        AgentId id = AgentId.of(a.positional(0));
        AgentProfile profile = new AgentProfile(a.value("--name"), a.values("--role").stream().map(Role::of).toList(),
                a.value("--program"), a.value("--model"), a.value("--task"), a.value("--worktree"), a.value("--branch"));
        Registration r = inv.coordinator().agents().register(id, profile, inv.number("--epoch"));
        inv.out().json(Map.of("created", r.created(), "dry_run", inv.dryRun(), "agent", JsonViews.agent(r.agent())));
        String verb = r.created() ? "registered" : "updated";
        inv.out().answer((inv.dryRun() ? "dry run: would have " + verb : verb) + " " + id
                + " (epoch " + r.agent().agent().at().epoch() + "); act as it with --agent " + id
                + " or HUDDLE_AGENT=" + id);
        return ExitCode.OK;
    }
}
