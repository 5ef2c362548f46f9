package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.message.Envelope;
import java.util.List;
import java.util.Map;

/** {@code huddle recv}: take unread messages, marking them read. */
public final class RecvCommand implements Command {

    @Override
    public String name() {
        return "recv";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("recv [--limit N]", "print your unread messages and mark them read")
                .option(Option.value("--limit", "N", "at most N messages (default 100)"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        int limit = (int) Math.min(Integer.MAX_VALUE, inv.number("--limit").orElse(100L));
        List<Envelope> messages = inv.coordinator().messages().recv(inv.requireCaller(), limit);
        inv.out().json(Map.of("messages", JsonViews.envelopes(messages), "dry_run", inv.dryRun()));
        if (messages.isEmpty()) {
            inv.out().line("no unread messages");
        }
        InboxCommand.print(inv, messages);
        return ExitCode.OK;
    }
}
