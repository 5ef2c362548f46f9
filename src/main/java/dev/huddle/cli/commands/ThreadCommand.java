package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.message.Message;
import java.util.List;
import java.util.Map;

/** {@code huddle thread KEY} and {@code huddle search QUERY}: messages by thread or by words. */
public final class ThreadCommand implements Command {

    private final boolean search;

    public ThreadCommand(boolean search) {
        this.search = search;
    }

    @Override
    public String name() {
        return search ? "search" : "thread";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        var b = search ? ArgSpec.of("search QUERY... [--limit N]", "full-text search over message subjects and bodies")
                .option(Option.value("--limit", "N", "at most N results (default 50)"))
                : ArgSpec.of("thread KEY", "show a thread (a key given with --thread, or a message id)");
        return b.positionals(1, search ? Integer.MAX_VALUE : 1).build();
    }

    @Override
    public int run(Invocation inv) {
        var args = inv.args().positionals();
        List<Message> found = search
                ? inv.coordinator().messages().search(String.join(" ", args), (int) Math.min(1000, inv.number("--limit").orElse(50L)))
                : inv.coordinator().messages().thread(args.getFirst());
        inv.out().json(Map.of("messages", found.stream().map(JsonViews::message).toList()));
        if (found.isEmpty()) {
            inv.out().line(search ? "no messages match" : "no messages in thread " + args.getFirst());
        }
        for (Message m : found) {
            inv.out().answer(TextViews.header(m));
            inv.out().answer(TextViews.body(m));
        }
        return ExitCode.OK;
    }
}
