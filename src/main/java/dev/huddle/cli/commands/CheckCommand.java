package dev.huddle.cli.commands;

import dev.huddle.app.lease.PathCheck;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code huddle check}: may I edit these paths? Side-effect free; exit 2 when another holds one. */
public final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("check PATH...", "0: free for me (and whether I hold it, until when); 2: another agent holds an exclusive lease (who, why)")
                .positionals(1, Integer.MAX_VALUE)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        List<PathCheck> checks = inv.coordinator().leases().check(inv.caller(), inv.args().positionals());
        Instant now = Instant.now();
        boolean free = checks.stream().allMatch(PathCheck::free);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("free", free);
        json.put("paths", checks.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", c.path().text());
            m.put("free", c.free());
            m.put("blockers", JsonViews.conflicts(c.blockers(), now));
            m.put("yours", c.yours().stream().map(l -> JsonViews.lease(l, now)).toList());
            return m;
        }).toList());
        inv.out().json(json);
        for (PathCheck c : checks) {
            c.blockers().forEach(b -> inv.out().answer(TextViews.conflict(b, now).strip()));
            if (!c.yours().isEmpty()) {
                inv.out().answer(c.path().text() + ": " + (c.free() ? "free for you; " : "") + "you hold "
                        + String.join("; ", c.yours().stream().map(l -> TextViews.own(l, now)).toList()));
            } else if (c.free()) {
                inv.out().line(c.path().text() + ": free");
            }
        }
        return free ? ExitCode.OK : ExitCode.DENIED;
    }
}
