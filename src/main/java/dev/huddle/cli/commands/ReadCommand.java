package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.core.message.Envelope;

/** {@code huddle read ID} and {@code huddle ack ID}: one message, marked read or acknowledged. */
public final class ReadCommand implements Command {

    private final boolean ack;

    public ReadCommand(boolean ack) {
        this.ack = ack;
    }

    @Override
    public String name() {
        return ack ? "ack" : "read";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of(ack ? "ack ID" : "read ID", ack ? "acknowledge a message addressed to you"
                : "show one message and mark it read").positionals(1, 1).build();
    }

    @Override
    public int run(Invocation inv) {
        long id = Invocation.messageId(inv.args().positional(0));
        Envelope e = ack ? inv.coordinator().messages().ack(inv.requireCaller(), id) : inv.coordinator().messages().read(inv.requireCaller(), id);
        inv.out().json(JsonViews.envelope(e));
        if (ack) {
            inv.out().answer((inv.dryRun() ? "dry run: would acknowledge #" : "acknowledged #") + id);
        } else {
            inv.out().answer(TextViews.envelopeHeader(e));
            inv.out().answer(TextViews.body(e.message()));
        }
        return ExitCode.OK;
    }
}
