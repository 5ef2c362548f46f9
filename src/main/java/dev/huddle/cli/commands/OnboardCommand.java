package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.Primer;
import dev.huddle.cli.args.ArgSpec;
import java.util.Map;

/** {@code huddle onboard}: the short primer for a new agent. */
public final class OnboardCommand implements Command {

    @Override
    public String name() {
        return "onboard";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("onboard", "print a short primer on using Huddle").build();
    }

    @Override
    public int run(Invocation inv) {
        inv.out().json(Map.of("primer", Primer.ONBOARD));
        inv.out().answer(Primer.ONBOARD.stripTrailing());
        return ExitCode.OK;
    }
}
