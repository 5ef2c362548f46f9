package dev.huddle.cli;

import dev.huddle.render.RefusalText;
import dev.huddle.app.task.DependencyTree;
import dev.huddle.core.task.Task;
import dev.huddle.core.time.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Human renderings of the board; agent-written text is cleaned for the terminal. */
public final class BoardText {

    private BoardText() {}

    /** {@code T-3  P1  claimed  reviews  Fix the parser  (bob, token 12)  overdue 2h}. */
    public static String line(Task t, Instant now) {
        return t.id() + "  " + t.priority().label() + "  " + t.status().label() + "  " + t.queue() + "  "
                + Output.one(t.title())
                + t.assignee().map(a -> "  (" + a + t.claimToken().map(k -> ", token " + k).orElse("") + ")").orElse("")
                + due(t, now);
    }

    static String due(Task t, Instant now) {
        if (t.due().isEmpty() || t.status().resolved()) {
            return "";
        }
        Duration left = Duration.between(now, t.due().get());
        return left.isNegative() ? "  overdue " + DurationText.format(left.negated()) : "  due in " + DurationText.format(left);
    }

    /** How long a task has waited, against its queue's SLA: {@code age 1h10m of a 1h SLA}, {@code age 5m (no SLA)}. */
    public static String age(Task t, java.util.Optional<Duration> sla, Instant now) {
        String age = "age " + DurationText.format(Duration.between(t.createdAt(), now));
        return sla.map(d -> age + " of a " + DurationText.format(d) + " SLA").orElse(age + " (no SLA)");
    }

    /** {@code T-1 (open, claimed by bob: Lexer), T-2 (...)}. */
    public static String refs(List<Task> tasks) {
        return RefusalText.refs(tasks, Output::one);
    }

    /** The tree as indented lines under its root. */
    public static String tree(DependencyTree tree) {
        StringBuilder s = new StringBuilder(node(tree.task(), false)).append('\n');
        branches(s, tree.blockers(), "");
        if (!tree.blocks().isEmpty()) {
            s.append("blocks: ").append(refs(tree.blocks())).append('\n');
        }
        return s.toString().stripTrailing();
    }

    private static void branches(StringBuilder s, List<DependencyTree> children, String indent) {
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            DependencyTree child = children.get(i);
            s.append(indent).append(last ? "└─ " : "├─ ").append(node(child.task(), child.repeated())).append('\n');
            branches(s, child.blockers(), indent + (last ? "   " : "│  "));
        }
    }

    private static String node(Task t, boolean repeated) {
        return t.id() + " [" + t.status().label() + t.assignee().map(a -> " by " + a).orElse("") + "] "
                + Output.one(t.title()) + (repeated ? "  (shown above)" : "");
    }
}
