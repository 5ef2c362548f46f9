package dev.huddle.cli.commands;

import dev.huddle.app.overview.Briefing;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.render.BriefingText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code huddle prime}: the full current context for an agent starting a session. */
public final class PrimeCommand implements Command {

    @Override
    public String name() {
        return "prime";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("prime", "print the full context for your session: agents, leases, your unread messages").build();
    }

    @Override
    public int run(Invocation inv) {
        Briefing b = inv.coordinator().prime(inv.requireCaller());
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("agent", JsonViews.agent(b.self()));
        json.put("agents", b.status().agents().stream().map(JsonViews::agent).toList());
        json.put("leases", b.status().leases().stream().map(v -> JsonViews.leaseView(v, now)).toList());
        json.put("unread", JsonViews.envelopes(b.unread()));
        inv.out().json(json);
        inv.out().answer(BriefingText.render(b, now).stripTrailing());
        return ExitCode.OK;
    }
}
