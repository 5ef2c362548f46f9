package dev.huddle.cli.commands;

import dev.huddle.app.message.SendRequest;
import dev.huddle.app.message.SendResult;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code huddle send}: receive what is waiting, then send a message. */
public final class SendCommand implements Command {

    private final boolean broadcast;

    public SendCommand(boolean broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public String name() {
        return broadcast ? "broadcast" : "send";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        String usage = broadcast ? "broadcast (TEXT|-)" : "send TO[,TO...] (TEXT|-)";
        return ArgSpec.of(usage + " [--subject S] [--importance low|normal|high|urgent] [--ack] [--thread KEY] [--reply-to ID]",
                        broadcast ? "message every other agent (same as: send all)"
                                : "message agents, @roles or all; '-' reads the text from stdin")
                .option(Option.value("--subject", "S", "a one-line subject"))
                .option(Option.value("--importance", "LEVEL", "low, normal (default), high or urgent"))
                .option(Option.flag("--ack", "ask recipients to acknowledge"))
                .option(Option.value("--thread", "KEY", "thread key, e.g. a task id"))
                .option(Option.value("--reply-to", "ID", "reply to message ID (joins its thread)"))
                .positionals(broadcast ? 1 : 2, Integer.MAX_VALUE)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var a = inv.args();
        List<String> words = a.positionals();
        List<Address> to = broadcast ? List.of(new Address.ToEveryone()) : Address.parseList(words.getFirst());
        String body = inv.text(broadcast ? words : words.subList(1, words.size()), inv.settings().maxMessageBytes(), "message");
        var request = new SendRequest(inv.requireCaller(), to, a.value("--subject"), body,
                a.value("--importance").map(Importance::parse).orElse(Importance.NORMAL), a.has("--ack"),
                a.value("--thread"), inv.number("--reply-to"));
        SendResult r = inv.coordinator().messages().send(request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("received", JsonViews.envelopes(r.received()));
        json.put("sent", JsonViews.message(r.sent()));
        json.put("recipients", r.recipients().stream().map(Object::toString).toList());
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        InboxCommand.print(inv, r.received());
        inv.out().answer((inv.dryRun() ? "dry run: would send #" : "sent #") + r.sent().id() + " to "
                + String.join(", ", r.recipients().stream().map(Object::toString).toList()));
        return ExitCode.OK;
    }
}
