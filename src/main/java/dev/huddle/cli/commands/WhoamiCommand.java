package dev.huddle.cli.commands;

import dev.huddle.app.agent.Identity;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code huddle whoami}: the acting agent's record. Through a server with an operator token, the
 * token's id, which need not be a registered agent (docs/decisions.md, "Policy out of the server
 * face; operator tokens without an agent").
 */
public final class WhoamiCommand implements Command {

    @Override
    public String name() {
        return "whoami";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("whoami", "show which agent you act as").build();
    }

    @Override
    public int run(Invocation inv) {
        // On the file no one is an operator by credential; through a server the token says.
        Identity me = inv.coordinator().agents().identity(inv.requireCaller(), false);
        inv.out().json(json(me));
        inv.out().answer(me.agent().map(AgentsCommand::row).orElse(me.id().value() + "  not a registered agent")
                + (me.operator() ? "  operator" : ""));
        return ExitCode.OK;
    }

    private static Map<String, Object> json(Identity me) {
        Map<String, Object> m = me.agent().map(JsonViews::agent)
                .orElseGet(() -> new LinkedHashMap<>(Map.of("id", me.id().value())));
        m.put("registered", me.agent().isPresent());
        m.put("operator", me.operator());
        return m;
    }
}
