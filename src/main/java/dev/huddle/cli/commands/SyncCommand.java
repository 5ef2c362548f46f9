package dev.huddle.cli.commands;

import dev.huddle.app.frontier.SyncResult;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code huddle sync}: heartbeat + recv + frontier in one call; always exit 0 (DESIGN §9). */
public final class SyncCommand implements Command {

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("sync [--epoch N] [--round N]",
                        "heartbeat, receive messages, and show whether everyone has reached your epoch")
                .option(Option.value("--epoch", "N", "advance to this epoch"))
                .option(Option.value("--round", "N", "advance to this round"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        SyncResult r = inv.coordinator().frontiers().sync(inv.requireCaller(), inv.number("--epoch"), inv.number("--round"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("agent", JsonViews.agent(r.self()));
        json.put("received", JsonViews.envelopes(r.received()));
        r.frontier().ifPresent(v -> json.put("frontier", JsonViews.verdict(v)));
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        inv.out().line(r.self().agent().id() + " at " + r.self().agent().at() + ", clock " + r.self().agent().clock());
        InboxCommand.print(inv, r.received());
        r.frontier().ifPresent(v -> inv.out().answer(TextViews.verdict(v)));
        return ExitCode.OK;
    }
}
