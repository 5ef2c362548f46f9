package dev.huddle.mcp;

import dev.huddle.app.Refusal;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.UnlockOutcome;
import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.app.task.TaskOutcome;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.task.ClaimRules;
import dev.huddle.core.task.Task;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.core.time.DurationText;
import dev.huddle.core.time.TimeText;
import dev.huddle.render.RefusalText;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A refusal as an MCP tool error: the CLI's words for who holds what and until when
 * ({@link RefusalText}), then {@code next:} with the tool call to make, in MCP terms
 * ({@code check}, {@code send}, {@code ready}, ...) rather than the CLI commands
 * {@link RefusalText#hint} names: an agent on MCP may have no shell. Other agents' text stays
 * inside the untrusted frame.
 */
final class McpRefusals {

    private McpRefusals() {}

    static String text(Refusal r, Instant now) {
        return why(r, now) + "\nnext: " + next(r);
    }

    /** The CLI's wording, except where it names a CLI command or flag. */
    static String why(Refusal r, Instant now) {
        if (r instanceof ClaimOutcome.Closed c) {
            return "denied: " + c.task().id() + " " + ClaimRules.standing(c.task());
        }
        if (r instanceof UnlockOutcome.Refused u && !u.heldByOthers().isEmpty()) {
            StringBuilder text = new StringBuilder("denied: held by another agent, not by you; nothing was released:");
            for (Lease l : u.heldByOthers()) {
                text.append("\n  ").append(UntrustedFrame.inline(l.resource().text())).append(": held by ").append(l.holder())
                        .append(" (").append(l.mode().label()).append(" lease until ").append(TimeText.format(l.expiresAt()))
                        .append(", ").append(DurationText.format(l.timeLeft(now))).append(" left)");
            }
            return text.toString();
        }
        return RefusalText.text(r, now, UntrustedFrame::inline);
    }

    /** The next tool call to make. */
    static String next(Refusal r) {
        if (r instanceof LockOutcome.Denied d) {
            return reserveLater(d);
        }
        if (r instanceof ClaimOutcome.FilesHeld f) {
            return "call claim again once its files are free (" + reserveLater(f.denied()) + ")";
        }
        if (r instanceof UnlockOutcome.Refused u) {
            return u.heldByOthers().isEmpty()
                    ? "call reserve with these paths for a new lease before you write to them"
                    : "only its holder releases it: call send with to=[" + holders(u.heldByOthers())
                    + "] asking them to release it, and do not edit it meanwhile";
        }
        if (r instanceof ClaimOutcome.Held h) {
            return "call send with to=[" + h.task().assignee().map(a -> a.value()).orElse("its holder")
                    + "] to ask about it, or call ready and claim other work";
        }
        if (r instanceof ClaimOutcome.Closed) {
            return "call ready and claim other work";
        }
        if (r instanceof ClaimOutcome.NothingReady) {
            return "call ready later (or claim a task by id); meanwhile call inbox for messages";
        }
        if (r instanceof ClaimOutcome.NotReady n) {
            return afterBlockers(n.openBlockers());
        }
        if (r instanceof TaskOutcome.NotReady n) {
            return afterBlockers(n.openBlockers());
        }
        if (r instanceof TaskOutcome.Denied d) {
            return taskDenied(d.task());
        }
        return "call status to see the board, then try again later";
    }

    private static String reserveLater(LockOutcome.Denied d) {
        if (d.conflicts().isEmpty()) {
            return "agents who asked first are in line: call reserve again later, or call ready for other work";
        }
        return "do not edit it meanwhile; call check with the same paths later and reserve once it is free, or call "
                + "send with to=[" + holders(d.conflicts().stream().map(Conflict::heldBy).toList())
                + "] asking them to release it, or call ready for other work";
    }

    private static String afterBlockers(List<Task> blockers) {
        String ids = blockers.stream().map(t -> t.id().text()).collect(Collectors.joining(", "));
        return "call ready and claim work that can start now; " + (ids.isEmpty() ? "this one" : ids)
                + " must be done first";
    }

    private static String taskDenied(Task task) {
        return switch (task.status()) {
            case CLAIMED, BLOCKED -> task.assignee()
                    .map(a -> "call send with to=[" + a + "] if you need it, or call ready and claim other work")
                    .orElse("call ready and claim other work");
            case OPEN -> "call claim with id " + task.id() + " first";
            case DONE, CANCELLED -> "call ready and claim other work";
        };
    }

    private static String holders(List<Lease> leases) {
        Set<String> names = new LinkedHashSet<>();
        leases.forEach(l -> names.add(l.holder().value()));
        return String.join(", ", names);
    }
}
