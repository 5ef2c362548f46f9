package dev.huddle.cli.commands;

import dev.huddle.cli.Output;
import dev.huddle.render.RefusalText;
import dev.huddle.app.lease.UnlockOutcome;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders what unlock and renew did; both answer with the same outcome type. */
final class LeaseOutcomes {

    private LeaseOutcomes() {}

    /** {@code ended}: the leases were released, so no time left is shown. */
    static int render(Invocation inv, UnlockOutcome outcome, String verb, boolean ended) {
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        // instanceof, not a pattern switch: a switch's type-test bootstrap is spun at run time, a
        // few ms of every cold start (measured); UnlockOutcome has exactly these two cases.
        if (outcome instanceof UnlockOutcome.Done done) {
            json.put("ok", true);
            json.put("dry_run", inv.dryRun());
            json.put("leases", done.leases().stream().map(l -> JsonViews.lease(l, now)).toList());
            inv.out().json(json);
            done.leases().forEach(l -> inv.out().answer(verb + (ended ? TextViews.endedLease(l) : TextViews.lease(l, now))));
            return ExitCode.OK;
        }
        UnlockOutcome.Refused refused = (UnlockOutcome.Refused) outcome;
        json.put("ok", false);
        json.put("reason", refused.reason());
        json.put("held_by", refused.heldByOthers().stream().map(l -> JsonViews.lease(l, now)).toList());
        inv.out().json(json);
        inv.out().answer(RefusalText.text(refused, now, Output::one));
        return ExitCode.DENIED;
    }
}
