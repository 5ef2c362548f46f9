package dev.huddle.app.mirror;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.message.Message;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.core.time.TimeText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the mirror: an index, the board by status, agents, live leases, decisions and message
 * threads, plus one page per task ({@link TaskPages}). Paths are relative to the mirror's root.
 */
final class MarkdownPages {

    private MarkdownPages() {}

    static Map<String, String> render(MirrorSnapshot s) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("README.md", index(s));
        pages.put("board.md", board(s));
        pages.put("agents.md", agents(s));
        pages.put("leases.md", leases(s));
        pages.put("decisions.md", decisions(s));
        pages.put("threads.md", threads(s));
        pages.putAll(TaskPages.render(s));
        return pages;
    }

    private static String index(MirrorSnapshot s) {
        return "# Huddle mirror\n\nWritten at " + TimeText.format(s.now()) + " from the store; the store is the source of truth.\n"
                + "Text written by agents is quoted as data.\n\n"
                + "- [Board](board.md): " + s.tasks().size() + " task(s)\n"
                + "- [Agents](agents.md): " + s.agents().size() + "\n"
                + "- [Leases](leases.md): " + s.leases().size() + " unexpired\n"
                + "- [Decisions](decisions.md): " + s.decisions().size() + "\n"
                + "- [Threads](threads.md): " + s.messages().size() + " message(s)\n";
    }

    private static String board(MirrorSnapshot s) {
        StringBuilder md = new StringBuilder("# Board\n");
        for (TaskStatus status : TaskStatus.values()) {
            List<Task> tasks = s.tasks().stream().filter(t -> t.status() == status).toList();
            md.append("\n## ").append(status.label()).append(" (").append(tasks.size()).append(")\n\n");
            if (tasks.isEmpty()) {
                continue;
            }
            md.append("| id | priority | queue | title | assignee |\n|---|---|---|---|---|\n");
            for (Task t : tasks) {
                md.append("| ").append(Md.link(t.id().text())).append(" | ").append(t.priority().label()).append(" | ")
                        .append(t.queue()).append(" | ").append(Md.cell(t.title())).append(" | ")
                        .append(t.assignee().map(Object::toString).orElse("")).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String agents(MirrorSnapshot s) {
        StringBuilder md = new StringBuilder("# Agents\n\n| id | name | roles | presence | last seen | at |\n"
                + "|---|---|---|---|---|---|\n");
        for (Agent a : s.agents()) {
            md.append("| ").append(a.id()).append(" | ").append(Md.cell(a.displayName())).append(" | ")
                    .append(a.profile().roles()).append(" | ").append(s.presenceOf(a.id()).label()).append(" | ")
                    .append(TimeText.format(a.lastSeen())).append(" | ").append(a.at()).append(" |\n");
        }
        return md.toString();
    }

    private static String leases(MirrorSnapshot s) {
        StringBuilder md = new StringBuilder("# Leases\n\nUnexpired leases; a holder that is offline holds nothing.\n\n"
                + "| resource | holder | mode | token | expires | task | reason |\n|---|---|---|---|---|---|---|\n");
        for (Lease l : s.leases()) {
            md.append("| ").append(Md.cell(l.resource().text())).append(" | ").append(l.holder())
                    .append(s.presenceOf(l.holder()).label().equals("offline") ? " (offline)" : "").append(" | ")
                    .append(l.mode().label()).append(" | ").append(l.token()).append(" | ").append(TimeText.format(l.expiresAt()))
                    .append(" | ").append(l.task().map(Md::cell).orElse("")).append(" | ")
                    .append(l.reason().map(Md::cell).orElse("")).append(" |\n");
        }
        return md.toString();
    }

    static String decisionLine(Decision d) {
        return "### #" + d.id() + " by " + d.author() + " at " + TimeText.format(d.at())
                + d.task().map(t -> " (" + Md.link(t.text()) + ")").orElse("") + "\n\n" + Md.quote(d.text());
    }

    private static String decisions(MirrorSnapshot s) {
        StringBuilder md = new StringBuilder("# Decisions\n");
        s.decisions().forEach(d -> md.append('\n').append(decisionLine(d)));
        return md.toString();
    }

    private static String threads(MirrorSnapshot s) {
        Map<String, List<Message>> threads = new TreeMap<>();
        for (Message m : s.messages()) {
            threads.computeIfAbsent(m.thread().orElse("#" + m.id()), k -> new java.util.ArrayList<>()).add(m);
        }
        StringBuilder md = new StringBuilder("# Threads\n");
        threads.forEach((key, messages) -> {
            md.append("\n## ").append(Md.cell(key)).append("\n");
            for (Message m : messages) {
                md.append("\n**#").append(m.id()).append("** from ").append(m.sender()).append(" to ")
                        .append(Md.cell(String.join(", ", m.recipients()))).append(" at ").append(TimeText.format(m.sentAt()))
                        .append(m.subject().map(x -> ": " + Md.cell(x)).orElse("")).append("\n\n")
                        .append(Md.quote(m.body()));
            }
        });
        return md.toString();
    }
}
