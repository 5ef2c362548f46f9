package dev.huddle.cli.commands;

import dev.huddle.app.overview.Briefing;
import dev.huddle.app.session.SessionOpened;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.render.SessionText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code huddle prime}: the full current context for an agent starting a session, in the very
 * rendering the agent programs' session-start hook gives (agents, leases, the tasks it holds, the
 * ready work, its unread messages), so the two can never tell an agent different things.
 */
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
        return ArgSpec.of("prime", "print the full context for your session: agents, leases, your tasks, ready work,"
                + " your unread messages").build();
    }

    @Override
    public int run(Invocation inv) {
        Briefing b = inv.coordinator().overview().prime(inv.requireCaller());
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("agent", JsonViews.agent(b.self()));
        json.put("agents", b.status().agents().stream().map(JsonViews::agent).toList());
        json.put("leases", b.status().leases().stream().map(v -> JsonViews.leaseView(v, now)).toList());
        json.put("claims", BoardJson.tasks(b.claims(), now));
        json.put("ready", BoardJson.tasks(b.status().work().ready().tasks(), now));
        json.put("ready_more", b.status().work().ready().more());
        json.put("unread", JsonViews.envelopes(b.unread()));
        inv.out().json(json);
        SessionOpened context = new SessionOpened(b, false, b.claims(), b.status().work().ready());
        inv.out().answer(SessionText.context(context, now).stripTrailing());
        return ExitCode.OK;
    }
}
