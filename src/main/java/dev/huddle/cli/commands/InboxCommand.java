package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.message.Envelope;
import java.util.List;
import java.util.Map;

/** {@code huddle inbox}: peek at unread messages without marking them read. */
public final class InboxCommand implements Command {

    @Override
    public String name() {
        return "inbox";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("inbox [--all]", "list your unread messages without marking them (--all: read ones too)")
                .option(Option.flag("--all", "include messages already read"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        List<Envelope> messages = inv.coordinator().messages().inbox(inv.requireCaller(), inv.args().has("--all"));
        inv.out().json(Map.of("messages", JsonViews.envelopes(messages)));
        if (messages.isEmpty()) {
            inv.out().line("no unread messages");
        }
        print(inv, messages);
        return ExitCode.OK;
    }

    static void print(Invocation inv, List<Envelope> messages) {
        for (Envelope e : messages) {
            inv.out().answer(TextViews.envelopeHeader(e));
            inv.out().answer(TextViews.body(e.message()));
        }
    }
}
