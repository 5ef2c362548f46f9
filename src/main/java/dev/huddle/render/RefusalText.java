package dev.huddle.render;

import dev.huddle.app.ErrorCode;
import dev.huddle.app.Refusal;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.UnlockOutcome;
import dev.huddle.app.summary.SummaryOutcome;
import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.app.task.TaskOutcome;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.Waiter;
import dev.huddle.core.task.ClaimRules;
import dev.huddle.core.task.Task;
import dev.huddle.core.text.TerminalText;
import dev.huddle.core.time.DurationText;
import dev.huddle.core.time.TimeText;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The words of every refusal ({@link Refusal}), for every face: the CLI prints {@link #text}, the
 * server answers 409 with {@link #message} and {@link #hint}. One wording, so the two cannot drift.
 * Text an agent wrote (resource names, reasons, titles) goes through {@code agentText}, which must
 * return it on one line: the CLI marks it for cleaning, the server cleans it.
 *
 * <p>If-chains rather than pattern switches: the CLI renders refusals on its cold path, where a
 * switch's type-test bootstrap costs milliseconds (docs/decisions.md, "Start-up cost").
 */
public final class RefusalText {

    private RefusalText() {}

    /** What the CLI prints, possibly over several lines: the refusal's word, then why. */
    public static String text(Refusal r, Instant now, UnaryOperator<String> agentText) {
        if (r instanceof LockOutcome.Denied d) {
            return (d.timedOut() ? "wait timed out; not locked:" : "denied; nothing was locked:") + lines(d, now, agentText);
        }
        return (r.code() == ErrorCode.NOT_READY ? "not ready: " : "denied: ") + message(r, now, agentText);
    }

    /** The server's one-line message: {@link #text} with its lines joined. */
    public static String message(Refusal r, Instant now) {
        return TerminalText.oneLine(text(r, now, s -> s).replace(":\n  ", ": ").replace("\n  ", "; "));
    }

    /** Why, without the refusal's word (the CLI's {@code --json} {@code message} field). */
    public static String message(Refusal r, Instant now, UnaryOperator<String> agentText) {
        if (r instanceof LockOutcome.Denied d) {
            return (d.timedOut() ? "not locked:" : "nothing was locked:") + lines(d, now, agentText);
        }
        if (r instanceof UnlockOutcome.Refused u) {
            return u.reason();
        }
        if (r instanceof TaskOutcome.Denied d) {
            return d.reason();
        }
        if (r instanceof TaskOutcome.NotReady n) {
            return n.task().id() + " waits on " + refs(n.openBlockers(), agentText);
        }
        if (r instanceof ClaimOutcome.Held h) {
            return h.task().id() + " " + ClaimRules.standing(h.task());
        }
        if (r instanceof ClaimOutcome.Closed c) {
            return c.task().id() + " " + ClaimRules.standing(c.task()) + "; 'huddle reopen " + c.task().id()
                    + "' opens it again";
        }
        if (r instanceof ClaimOutcome.NotReady n) {
            return n.task().id() + (n.openBlockers().isEmpty()
                    ? " is blocked" + n.task().blockedReason().map(why -> ": " + agentText.apply(why)).orElse("")
                    : " waits on " + refs(n.openBlockers(), agentText));
        }
        if (r instanceof ClaimOutcome.FilesHeld f) {
            return f.task().id() + " not claimed: its files are "
                    + (f.denied().conflicts().isEmpty() ? "waited for by agents who asked first" : "held")
                    + lines(f.denied(), now, agentText);
        }
        if (r instanceof ClaimOutcome.NothingReady n) {
            return n.where();
        }
        if (r instanceof SummaryOutcome.OutOfTurn o) {
            return o.reason();
        }
        throw new IllegalArgumentException("no wording for the refusal " + r.getClass().getName());
    }

    /** The next step: what the refused caller can do now. */
    public static String hint(Refusal r) {
        if (r instanceof LockOutcome.Denied d) {
            return lockHint(d);
        }
        if (r instanceof ClaimOutcome.FilesHeld f) {
            return lockHint(f.denied()) + "; or claim without --reserve";
        }
        if (r instanceof UnlockOutcome.Refused u) {
            return u.heldByOthers().isEmpty()
                    ? "lock the resource again ('huddle lock RESOURCE') for a new fencing token before writing"
                    : "only its holder releases it; ask " + holders(u.heldByOthers())
                    + " ('huddle send AGENT TEXT'), or an operator may force it ('--force --reason TEXT')";
        }
        if (r instanceof ClaimOutcome.Held h) {
            return "ask " + h.task().assignee().map(a -> a.value()).orElse("its holder")
                    + " ('huddle send AGENT TEXT'), or take other work ('huddle ready')";
        }
        if (r instanceof ClaimOutcome.Closed c) {
            return "'huddle reopen " + c.task().id() + "' opens it again";
        }
        if (r instanceof ClaimOutcome.NothingReady) {
            return "'huddle ready' lists the ready work; wait, or claim a task by id";
        }
        if (r instanceof TaskOutcome.NotReady || r instanceof ClaimOutcome.NotReady) {
            return "finish or wait for the blockers first; 'huddle ready' lists what can start now";
        }
        if (r instanceof SummaryOutcome.OutOfTurn) {
            return "'huddle summary status' shows whose turn it is";
        }
        return r.code().hint();
    }

    /** One lease in the way: {@code src/a.py: held by alice (exclusive lease on src/** until T, 29m left, token 7, …)}. */
    public static String conflict(Conflict c, Instant now, UnaryOperator<String> agentText) {
        Lease l = c.heldBy();
        return "  " + c.requested().text() + ": held by " + l.holder() + " (" + l.mode().label() + " lease on "
                + agentText.apply(l.resource().text()) + " until " + TimeText.format(l.expiresAt()) + ", "
                + DurationText.format(l.timeLeft(now)) + " left, token " + l.token()
                + l.task().map(t -> ", task " + agentText.apply(t)).orElse("")
                + l.reason().map(why -> ", reason: " + agentText.apply(why)).orElse("") + ")";
    }

    /** Tasks named with their state, holder and title: {@code T-2 (claimed by bob: parser), …}. */
    public static String refs(List<Task> tasks, UnaryOperator<String> agentText) {
        return tasks.stream()
                .map(t -> t.id() + " (" + t.status().label() + t.assignee().map(a -> " by " + a).orElse("") + ": "
                        + agentText.apply(t.title()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String lines(LockOutcome.Denied d, Instant now, UnaryOperator<String> agentText) {
        StringBuilder text = new StringBuilder();
        for (Conflict c : d.conflicts()) {
            text.append('\n').append(conflict(c, now, agentText));
        }
        for (Waiter w : d.queuedAhead()) {
            text.append("\n  ").append(w.agent()).append(" is queued ahead for ")
                    .append(String.join(", ", w.resources().stream().map(r -> agentText.apply(r.text())).toList()));
        }
        return text.toString();
    }

    private static String lockHint(LockOutcome.Denied d) {
        String wait = d.timedOut() ? "wait longer ('--wait D')" : "wait your turn ('huddle lock RESOURCE --wait')";
        if (d.conflicts().isEmpty()) {
            return wait + ": agents who asked first are in line";
        }
        return wait + ", or ask " + holders(d.conflicts().stream().map(Conflict::heldBy).toList())
                + " to release it ('huddle send AGENT TEXT'); do not edit it meanwhile";
    }

    private static String holders(List<Lease> leases) {
        Set<String> names = new LinkedHashSet<>();
        leases.forEach(l -> names.add(l.holder().value()));
        return String.join(", ", names);
    }
}
