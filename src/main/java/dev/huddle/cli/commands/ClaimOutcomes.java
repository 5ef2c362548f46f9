package dev.huddle.cli.commands;

import dev.huddle.app.Refusal;
import dev.huddle.render.RefusalText;
import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.BoardText;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.Output;
import dev.huddle.cli.TextViews;
import dev.huddle.core.task.Task;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders what a claim got, with the exit code DESIGN §9 gives it. */
final class ClaimOutcomes {

    private ClaimOutcomes() {}

    static int render(Invocation inv, ClaimOutcome outcome) {
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("claimed", outcome instanceof ClaimOutcome.Claimed);
        json.put("dry_run", inv.dryRun());
        int code = switch (outcome) {
            case ClaimOutcome.Claimed c -> claimed(inv, c, json, now);
            case ClaimOutcome.Held h -> refused(inv, json, "held", h.task(), h, now);
            case ClaimOutcome.Closed c -> refused(inv, json, "closed", c.task(), c, now);
            case ClaimOutcome.NotReady n -> {
                json.put("blockers", BoardJson.refs(n.openBlockers()));
                yield refused(inv, json, "not_ready", n.task(), n, now);
            }
            case ClaimOutcome.FilesHeld f -> {
                json.put("conflicts", JsonViews.conflicts(f.denied().conflicts(), now));
                json.put("queued_ahead", f.denied().queuedAhead().stream().map(w -> w.agent().value()).toList());
                yield refused(inv, json, "files_held", f.task(), f, now);
            }
            case ClaimOutcome.NothingReady n -> refused(inv, json, "nothing_ready", null, n, now);
        };
        inv.out().json(json);
        return code;
    }

    private static int claimed(Invocation inv, ClaimOutcome.Claimed c, Map<String, Object> json, Instant now) {
        json.put("task", BoardJson.task(c.task(), now));
        json.put("already_held", c.alreadyHeld());
        c.reclaimedFrom().ifPresent(a -> json.put("reclaimed_from", a.value()));
        json.put("leases", c.reserved().stream().map(l -> JsonViews.lease(l, now)).toList());
        String verb = inv.dryRun() ? "dry run: would claim " : c.alreadyHeld() ? "already yours: " : "claimed ";
        inv.out().answer(verb + BoardText.line(c.task(), now));
        c.reclaimedFrom().ifPresent(a -> inv.out().answer("  reclaimed from " + a + " (offline); they were told"));
        c.reserved().forEach(l -> inv.out().answer("  reserved " + TextViews.lease(l, now)));
        return ExitCode.OK;
    }

    private static int refused(Invocation inv, Map<String, Object> json, String reason, Task task, Refusal refusal,
                               Instant now) {
        String message = RefusalText.message(refusal, now, Output::one);
        int code = refusal.code().exitCode();
        json.put("reason", reason);
        json.put("message", message);
        if (task != null) {
            json.put("task", BoardJson.task(task, Instant.now()));
            task.assignee().filter(a -> reason.equals("held")).ifPresent(a -> json.put("holder", a.value()));
        }
        inv.out().answer((code == ExitCode.DENIED ? "denied: " : "not ready: ") + message);
        return code;
    }
}
