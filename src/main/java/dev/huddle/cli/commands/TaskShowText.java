package dev.huddle.cli.commands;

import dev.huddle.app.task.TaskDetail;
import dev.huddle.cli.TextViews;
import dev.huddle.core.event.Event;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.core.time.TimeText;
import java.time.Instant;

/**
 * {@code task show} as text: Huddle's facts plainly, then everything agents wrote (title,
 * description, remarks, conclusion, block reason, decisions) inside the untrusted frame, since
 * an agent reads this as context (DESIGN §8).
 */
final class TaskShowText {

    private TaskShowText() {}

    static String render(TaskDetail d, Instant now) {
        return facts(d, now) + UntrustedFrame.wrap(written(d, now)) + "\n" + history(d);
    }

    /** What Huddle itself knows: ids, states, times. */
    private static String facts(TaskDetail d, Instant now) {
        Task t = d.task();
        StringBuilder facts = new StringBuilder("[huddle] ").append(t.id()).append("  ").append(t.priority().label())
                .append("  ").append(t.status().label()).append("  queue ").append(t.queue())
                .append(t.assignee().map(a -> "  claimed by " + a).orElse(""))
                .append(t.claimToken().map(k -> " (token " + k + ")").orElse(""))
                .append("\n[huddle] created by ").append(t.createdBy()).append(" at ").append(TimeText.format(t.createdAt()))
                .append(t.due().map(due -> ", due " + TimeText.format(due) + (t.overdueAt(now) ? " (OVERDUE)" : "")).orElse(""))
                .append(t.parent().map(p -> ", parent " + p).orElse("")).append('\n');
        if (!d.blockers().isEmpty()) {
            facts.append("[huddle] blocked by ").append(String.join(", ", d.blockers().stream()
                    .map(b -> b.id() + " (" + b.status().label() + ")").toList())).append('\n');
        }
        if (!d.blocks().isEmpty()) {
            facts.append("[huddle] blocks ").append(String.join(", ", d.blocks().stream().map(b -> b.id().text()).toList()))
                    .append('\n');
        }
        return facts.toString();
    }

    /** What agents wrote, each part defused, for the untrusted frame. */
    private static String written(TaskDetail d, Instant now) {
        Task t = d.task();
        StringBuilder framed = new StringBuilder("Title: ").append(UntrustedFrame.neutralise(t.title())).append('\n');
        if (!t.files().isEmpty() || !t.labels().isEmpty()) {
            framed.append(UntrustedFrame.neutralise("Files: " + String.join(", ", t.files().stream().map(f -> f.text()).toList())
                    + "  Labels: " + String.join(", ", t.labels()))).append('\n');
        }
        t.description().ifPresent(x -> framed.append("Description:\n").append(UntrustedFrame.neutralise(x)).append('\n'));
        t.blockedReason().ifPresent(x -> framed.append("Blocked because: ").append(UntrustedFrame.neutralise(x)).append('\n'));
        t.conclusion().ifPresent(x -> framed.append("Conclusion:\n").append(UntrustedFrame.neutralise(x)).append('\n'));
        for (Remark r : d.remarks()) {
            framed.append("Remark (").append(r.kind().label()).append(") by ").append(r.author()).append(" at ")
                    .append(TimeText.format(r.at())).append(":\n").append(UntrustedFrame.neutralise(r.text())).append('\n');
        }
        d.leases().forEach(l -> framed.append("Lease: ").append(UntrustedFrame.neutralise(TextViews.lease(l, now)))
                .append('\n'));
        d.decisions().forEach(x -> framed.append("Decision #").append(x.id()).append(" by ").append(x.author()).append(":\n")
                .append(UntrustedFrame.neutralise(x.text())).append('\n'));
        return framed.toString();
    }

    private static String history(TaskDetail d) {
        StringBuilder history = new StringBuilder("[huddle] history:\n");
        for (Event e : d.history()) {
            history.append("  #").append(e.seq()).append(" ").append(TimeText.format(e.wall())).append(" ")
                    .append(e.agent().map(Object::toString).orElse("-")).append(" ").append(e.kind()).append('\n');
        }
        return history.toString().stripTrailing();
    }
}
