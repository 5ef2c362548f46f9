package dev.huddle.app.mirror;

import dev.huddle.core.event.Event;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.time.TimeText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One page per task: its fields, dependencies, text, remarks, leases, decisions and history. */
final class TaskPages {

    private TaskPages() {}

    static Map<String, String> render(MirrorSnapshot s) {
        Map<TaskId, List<TaskId>> blockers = new HashMap<>();
        Map<TaskId, List<TaskId>> blocks = new HashMap<>();
        for (Dependency d : s.dependencies()) {
            blockers.computeIfAbsent(d.blocked(), k -> new ArrayList<>()).add(d.blocker());
            blocks.computeIfAbsent(d.blocker(), k -> new ArrayList<>()).add(d.blocked());
        }
        Map<String, String> pages = new LinkedHashMap<>();
        for (Task t : s.tasks()) {
            pages.put("tasks/" + t.id() + ".md", page(s, t, blockers.getOrDefault(t.id(), List.of()),
                    blocks.getOrDefault(t.id(), List.of())));
        }
        return pages;
    }

    private static String page(MirrorSnapshot s, Task t, List<TaskId> blockedBy, List<TaskId> blocking) {
        StringBuilder md = new StringBuilder("# ").append(t.id()).append(": ").append(Md.cell(t.title())).append("\n\n")
                .append("- status: ").append(t.status().label()).append(t.assignee().map(a -> " by " + a).orElse(""))
                .append(t.claimToken().map(k -> " (token " + k + ")").orElse("")).append('\n')
                .append("- queue: ").append(t.queue()).append(", priority ").append(t.priority().label()).append('\n')
                .append("- created by ").append(t.createdBy()).append(" at ").append(TimeText.format(t.createdAt()))
                .append(t.due().map(d -> ", due " + d + (t.overdueAt(s.now()) ? " (overdue)" : "")).orElse(""))
                .append('\n');
        t.parent().ifPresent(p -> md.append("- parent: ").append(link(p)).append('\n'));
        list(md, "labels", t.labels().stream().map(Md::cell).toList());
        list(md, "files", t.files().stream().map(f -> "`" + Md.cell(f.text()) + "`").toList());
        list(md, "blocked by", blockedBy.stream().map(TaskPages::link).toList());
        list(md, "blocks", blocking.stream().map(TaskPages::link).toList());
        t.blockedReason().ifPresent(r -> md.append("\n## Blocked because\n\n").append(Md.quote(r)));
        t.description().ifPresent(d -> md.append("\n## Description\n\n").append(Md.quote(d)));
        t.conclusion().ifPresent(c -> md.append("\n## Conclusion\n\n").append(Md.quote(c)));
        remarks(md, s.remarks().getOrDefault(t.id(), List.of()));
        List<Lease> leases = s.leases().stream().filter(l -> l.task().filter(t.id().text()::equalsIgnoreCase).isPresent())
                .toList();
        if (!leases.isEmpty()) {
            md.append("\n## Leases\n\n");
            leases.forEach(l -> md.append("- `").append(Md.cell(l.resource().text())).append("` ").append(l.mode().label())
                    .append(" by ").append(l.holder()).append(", token ").append(l.token()).append(", expires ")
                    .append(TimeText.format(l.expiresAt())).append('\n'));
        }
        List<Decision> decisions = s.decisions().stream().filter(d -> d.task().filter(t.id()::equals).isPresent()).toList();
        if (!decisions.isEmpty()) {
            md.append("\n## Decisions\n");
            decisions.forEach(d -> md.append('\n').append(MarkdownPages.decisionLine(d).replace("](tasks/", "](")));
        }
        history(md, s.eventsByTask().getOrDefault(t.id().text(), List.of()));
        return md.toString();
    }

    private static void list(StringBuilder md, String name, List<String> items) {
        if (!items.isEmpty()) {
            md.append("- ").append(name).append(": ").append(String.join(", ", items)).append('\n');
        }
    }

    private static void remarks(StringBuilder md, List<Remark> remarks) {
        if (remarks.isEmpty()) {
            return;
        }
        md.append("\n## Remarks\n");
        for (Remark r : remarks) {
            md.append("\n**").append(r.kind().label()).append("** by ").append(r.author()).append(" at ").append(TimeText.format(r.at()))
                    .append("\n\n").append(Md.quote(r.text()));
        }
    }

    private static void history(StringBuilder md, List<Event> events) {
        md.append("\n## History\n\n");
        for (Event e : events) {
            md.append("- #").append(e.seq()).append(" ").append(TimeText.format(e.wall())).append(" ")
                    .append(e.agent().map(Object::toString).orElse("-")).append(" ").append(e.kind())
                    .append(e.data().isEmpty() ? "" : " " + e.data().entrySet().stream()
                            .map(x -> x.getKey() + "=" + Md.cell(String.valueOf(x.getValue())))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
    }

    private static String link(TaskId id) {
        return "[" + id + "](" + id + ".md)";
    }
}
