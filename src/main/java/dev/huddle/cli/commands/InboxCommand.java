package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.time.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code huddle inbox}: peek at unread messages without marking them read; with {@code --wait},
 * block until a message nothing has shown the caller yet arrives, print it and record its delivery.
 */
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
        return ArgSpec.of("inbox [--all] [--wait [D]]", "list your unread messages without marking them (--all: read ones too)")
                .option(Option.flag("--all", "include messages already read"))
                .option(Option.optionalValue("--wait", "D", "block until a new message arrives, up to D (default 10m; "
                        + "none: exit 3); print it and mark it delivered"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        if (inv.args().has("--wait")) {
            return await(inv);
        }
        List<Envelope> messages = inv.coordinator().messages().inbox(inv.requireCaller(), inv.args().has("--all"));
        inv.out().json(Map.of("messages", JsonViews.envelopes(messages)));
        if (messages.isEmpty()) {
            inv.out().line("no unread messages");
        }
        print(inv, messages);
        return ExitCode.OK;
    }

    /** Same rendering as the listing; a wait that ran out is exit 3, as {@code frontier --wait}'s. */
    private static int await(Invocation inv) {
        if (inv.args().has("--all")) {
            throw new dev.huddle.cli.args.UsageException("--wait waits for new messages; it does not combine with --all");
        }
        String given = inv.args().value("--wait").orElse("");
        Duration wait = given.isEmpty() ? LockCommand.DEFAULT_WAIT : DurationText.parse(given, "--wait");
        List<Envelope> messages = inv.coordinator().messages().awaitInbox(inv.requireCaller(), 0, wait);
        inv.out().json(Map.of("messages", JsonViews.envelopes(messages)));
        if (messages.isEmpty()) {
            inv.out().line("no new message within " + (given.isEmpty() ? DurationText.format(wait) : given));
            return ExitCode.NOT_READY;
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
