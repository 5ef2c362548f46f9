package dev.huddle.cli;

import dev.huddle.app.summary.SummaryState;
import dev.huddle.app.task.DependencyTree;
import dev.huddle.app.task.QueueView;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The --json shapes of the work board (README, "JSON output"): snake_case, times as ISO-8601 UTC
 * strings, absent values omitted, lists always present.
 */
public final class BoardJson {

    private BoardJson() {}

    public static Map<String, Object> task(Task t, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().text());
        m.put("queue", t.queue());
        m.put("title", t.title());
        t.description().ifPresent(d -> m.put("description", d));
        m.put("priority", t.priority().label());
        m.put("status", t.status().label());
        t.assignee().ifPresent(a -> m.put("assignee", a.value()));
        t.claimToken().map(FencingToken::value).ifPresent(k -> m.put("token", k));
        m.put("files", t.files().stream().map(f -> f.text()).toList());
        m.put("labels", t.labels());
        t.parent().ifPresent(p -> m.put("parent", p.text()));
        m.put("created_by", t.createdBy().value());
        m.put("created_at", JsonViews.time(t.createdAt()));
        m.put("updated_at", JsonViews.time(t.updatedAt()));
        t.claimedAt().ifPresent(c -> m.put("claimed_at", JsonViews.time(c)));
        t.due().ifPresent(d -> m.put("due_at", JsonViews.time(d)));
        m.put("overdue", t.overdueAt(now));
        t.blockedReason().ifPresent(r -> m.put("blocked_reason", r));
        t.conclusion().ifPresent(c -> m.put("conclusion", c));
        m.put("version", t.version());
        return m;
    }

    public static List<Map<String, Object>> tasks(List<Task> tasks, Instant now) {
        return tasks.stream().map(t -> task(t, now)).toList();
    }

    /** A task as another task's blocker or dependent: enough to see why it matters. */
    public static Map<String, Object> ref(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().text());
        m.put("status", t.status().label());
        m.put("title", t.title());
        t.assignee().ifPresent(a -> m.put("assignee", a.value()));
        return m;
    }

    public static List<Map<String, Object>> refs(List<Task> tasks) {
        return tasks.stream().map(BoardJson::ref).toList();
    }

    public static Map<String, Object> remark(Remark r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("author", r.author().value());
        m.put("at", JsonViews.time(r.at()));
        m.put("kind", r.kind().label());
        m.put("text", r.text());
        return m;
    }

    public static Map<String, Object> decision(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("by", d.author().value());
        m.put("at", JsonViews.time(d.at()));
        m.put("stamp", d.stamp().value());
        m.put("text", d.text());
        d.task().ifPresent(t -> m.put("task", t.text()));
        return m;
    }

    public static Map<String, Object> tree(DependencyTree tree) {
        Map<String, Object> m = ref(tree.task());
        if (tree.repeated()) {
            m.put("repeated", true);
        }
        m.put("blocked_by", tree.blockers().stream().map(BoardJson::tree).toList());
        return m;
    }

    public static Map<String, Object> queue(QueueView q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.name());
        m.put("configured", q.config().isPresent());
        q.config().flatMap(c -> c.handler()).ifPresent(h -> m.put("handler", h.value()));
        q.config().flatMap(c -> c.sla()).ifPresent(s -> m.put("sla_minutes", s.toMinutes()));
        q.config().ifPresent(c -> m.put("id_prefix", c.idPrefix()));
        Map<String, Object> counts = new LinkedHashMap<>();
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s.label(), q.count(s));
        }
        m.put("counts", counts);
        m.put("overdue", q.overdue());
        return m;
    }

    public static Map<String, Object> summary(SummaryState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("round", s.round().id());
        m.put("started_by", s.round().startedBy().value());
        m.put("started_at", JsonViews.time(s.round().startedAt()));
        m.put("order", s.round().order().stream().map(Object::toString).toList());
        m.put("written", s.entries().stream().map(e -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("agent", e.author().value());
            w.put("at", JsonViews.time(e.at()));
            w.put("text", e.text());
            return w;
        }).toList());
        s.turn().ifPresent(t -> m.put("turn", t.value()));
        s.round().collectedAt().ifPresent(c -> m.put("collected_at", JsonViews.time(c)));
        m.put("changed", s.changed());
        return m;
    }
}
