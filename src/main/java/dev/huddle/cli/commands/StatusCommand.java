package dev.huddle.cli.commands;

import dev.huddle.app.overview.Status;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code huddle status}: the whole picture. */
public final class StatusCommand implements Command {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("status [--compact]", "agents, live leases, frontier spread, messages, log position")
                .option(Option.flag("--compact", "one line"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        Status s = inv.coordinator().status(inv.caller());
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", s.store());
        json.put("agents", s.agents().stream().map(JsonViews::agent).toList());
        json.put("leases", s.leases().stream().map(v -> JsonViews.leaseView(v, now)).toList());
        s.lowest().ifPresent(p -> json.put("lowest", Map.of("epoch", p.epoch(), "round", p.round())));
        s.highest().ifPresent(p -> json.put("highest", Map.of("epoch", p.epoch(), "round", p.round())));
        s.unread().ifPresent(u -> json.put("unread", u));
        json.put("messages", s.messages());
        json.put("last_seq", s.lastSeq());
        inv.out().json(json);
        String summary = s.agents().size() + " agent(s), " + s.leases().size() + " live lease(s), " + s.messages()
                + " message(s)" + s.unread().map(u -> ", " + u + " unread for you").orElse("")
                + s.lowest().map(p -> ", pointstamps " + p + ".." + s.highest().orElseThrow()).orElse("")
                + ", log at #" + s.lastSeq();
        if (inv.args().has("--compact")) {
            inv.out().answer(summary);
            return ExitCode.OK;
        }
        inv.out().answer("store " + s.store());
        inv.out().answer(summary);
        s.agents().forEach(v -> inv.out().answer("  " + AgentsCommand.row(v)));
        s.leases().forEach(v -> inv.out().answer("  " + TextViews.lease(v.lease(), now)));
        return ExitCode.OK;
    }
}
