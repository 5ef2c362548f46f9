package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.time.DurationText;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** {@code huddle watch}: stream new messages for you, or every event with --all. */
public final class WatchCommand implements Command {

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("watch [--all] [--kind K] [--since SEQ] [--count N] [--timeout D]",
                        "stream your new messages (--all: every event) until interrupted")
                .option(Option.flag("--all", "stream every event of the log"))
                .option(Option.value("--kind", "K", "with --all: only events of this kind or family"))
                .option(Option.value("--since", "SEQ", "with --all: start after this sequence number (default: now)"))
                .option(Option.value("--count", "N", "stop after N items"))
                .option(Option.value("--timeout", "D", "stop after D"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        var a = inv.args();
        long count = inv.number("--count").orElse(Long.MAX_VALUE);
        Duration timeout = a.value("--timeout").map(v -> DurationText.parse(v, "--timeout")).orElse(Duration.ZERO);
        AtomicLong seen = new AtomicLong();
        if (a.has("--all")) {
            var c = inv.coordinator();
            long since = inv.number("--since").orElseGet(c.events()::lastSeq);
            var filter = new EventFilter(java.util.Optional.empty(), a.value("--kind"), java.util.Optional.empty(),
                    java.util.Optional.empty(), since, 1_000);
            c.events().watch(filter, timeout, e -> {
                emit(inv, JsonViews.event(e), LogCommand.line(e));
                return seen.incrementAndGet() < count;
            });
        } else {
            inv.coordinator().events().watchInbox(inv.requireCaller(), timeout, e -> {
                emit(inv, JsonViews.envelope(e), TextViews.envelopeHeader(e) + "\n" + TextViews.body(e.message()));
                return seen.incrementAndGet() < count;
            });
        }
        return ExitCode.OK;
    }

    private static void emit(Invocation inv, Object json, String text) {
        if (inv.out().json()) {
            inv.out().jsonLine(json);
        } else {
            inv.out().answer(text);
            inv.out().flush();
        }
    }
}
