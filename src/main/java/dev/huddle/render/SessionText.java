package dev.huddle.render;

import dev.huddle.app.agent.AgentView;
import dev.huddle.app.lease.LeaseView;
import dev.huddle.app.overview.Briefing;
import dev.huddle.app.session.EditCheck;
import dev.huddle.app.session.EditRecorded;
import dev.huddle.app.session.SessionOpened;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.task.Task;
import dev.huddle.core.text.TerminalText;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.core.time.DurationText;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an agent program's model reads from Huddle during a session (hooks now, MCP later):
 * the compact context at session start, messages pushed into its context, the reason a turn may
 * not end yet, and why an edit is refused. Huddle's own sentences start with {@code [huddle]} or
 * {@code Huddle:}; whatever other agents wrote (names, reasons, titles, messages, leased resources)
 * is only inside the untrusted frame (DESIGN §1.6, §8, §9).
 */
public final class SessionText {

    private static final int MAX_AGENTS = 20;
    private static final int MAX_LEASES = 30;

    private SessionText() {}

    /** The session-start context: who the agent is, how to act as it, and the team's picture. */
    public static String context(SessionOpened opened, Instant now) {
        Briefing b = opened.briefing();
        String me = b.self().agent().id().value();
        StringBuilder facts = new StringBuilder();
        facts.append("[huddle] You are agent ").append(me).append(opened.registered() ? " (registered just now for this session)" : "")
                .append(". Run huddle commands as `huddle --agent ").append(me).append(" ...` (or export HUDDLE_AGENT=")
                .append(me).append(").\n")
                .append("[huddle] Other agents work in this repository. Before editing files another agent may touch, lease them")
                .append(" (`huddle lock PATH --reason \"...\"`); an edit of a file another agent has leased is refused.")
                .append(" `huddle status` shows the picture, `huddle send AGENT TEXT` talks to another agent.\n")
                .append("[huddle] ").append(b.status().agents().size()).append(" agent(s), ")
                .append(b.status().leases().size()).append(" live lease(s), ")
                .append(b.unread().size()).append(" unread message(s) for you, ")
                .append(opened.claims().size()).append(" task(s) you hold, ")
                .append(opened.ready().tasks().size()).append(opened.ready().more() ? "+" : "").append(" ready.\n");
        StringBuilder framed = new StringBuilder("Agents:\n");
        List<AgentView> agents = b.status().agents();
        agents.stream().limit(MAX_AGENTS)
                .forEach(v -> framed.append("- ").append(UntrustedFrame.neutralise(BriefingText.agentLine(v))).append('\n'));
        more(framed, agents.size(), MAX_AGENTS, "huddle agents");
        framed.append("Leases:\n");
        List<LeaseView> leases = b.status().leases();
        none(framed, leases);
        leases.stream().limit(MAX_LEASES).forEach(v -> framed.append("- ").append(BriefingText.leaseLine(v, me, now)).append('\n'));
        more(framed, leases.size(), MAX_LEASES, "huddle locks");
        framed.append("Your tasks:\n");
        none(framed, opened.claims());
        opened.claims().forEach(t -> framed.append("- ").append(taskLine(t)).append('\n'));
        framed.append("Ready work, most urgent first (take one with `huddle claim ID`):\n");
        none(framed, opened.ready().tasks());
        opened.ready().tasks().forEach(t -> framed.append("- ").append(taskLine(t)).append('\n'));
        framed.append("Unread messages:\n");
        none(framed, b.unread());
        messages(framed, b.unread());
        return facts + UntrustedFrame.wrap(framed.toString());
    }

    /** Messages pushed into the context before a prompt is answered. */
    public static String pushed(String agent, List<Envelope> messages) {
        StringBuilder framed = new StringBuilder();
        messages(framed, messages);
        return "[huddle] " + messages.size() + " new message(s) for " + agent + " from other agents, shown once"
                + " (`huddle recv` marks them read; `huddle send AGENT TEXT` answers):\n" + UntrustedFrame.wrap(framed.toString());
    }

    /** Why the turn may not end yet: the directed messages that arrived, carried along. */
    public static String stopReason(String agent, List<Envelope> messages) {
        StringBuilder framed = new StringBuilder();
        messages(framed, messages);
        return "[huddle] Before you finish: " + messages.size() + " message(s) addressed to you (" + agent
                + ") arrived and you have not seen them. Read them, act on them or answer them (`huddle send AGENT TEXT`),"
                + " then finish your turn.\n" + UntrustedFrame.wrap(framed.toString());
    }

    /**
     * Why an edit is refused. Huddle's sentence names each refused path (the reader's own target),
     * its holder, the kind of lease and the time left; what the holders wrote (the resource they
     * leased, its task, their reason) follows inside the untrusted frame.
     */
    public static String denial(EditCheck check, Instant now) {
        List<Conflict> conflicts = check.checks().stream().flatMap(p -> p.blockers().stream()).toList();
        Lease any = conflicts.getFirst().heldBy();
        String path = check.checks().stream().filter(p -> !p.free()).findFirst().orElseThrow().path().text();
        return "Huddle: this edit is refused: " + conflicts(conflicts, now)
                + ". Do not work around the lease (no other tool or command for these files): work on something"
                + " else, ask the holder (`huddle send " + any.holder() + " \"...\"`), or wait for it (`huddle lock "
                + own(path) + " --wait 10m`).\n" + leases(conflicts);
    }

    /** A warning for the model after an edit that went through another agent's lease. */
    public static String editedThroughLease(EditRecorded recorded, Instant now) {
        List<Conflict> conflicts = recorded.paths().stream().flatMap(p -> p.blockers().stream()).toList();
        return "[huddle] Warning: this edit went through another agent's lease: " + conflicts(conflicts, now)
                + ". Tell the holder what you changed (`huddle send AGENT TEXT`) or undo it.\n" + leases(conflicts);
    }

    /** {@code src/a.py is leased by alice (exclusive, 29m left)}, for each conflict. */
    private static String conflicts(List<Conflict> conflicts, Instant now) {
        StringBuilder s = new StringBuilder();
        for (Conflict c : conflicts) {
            Lease l = c.heldBy();
            s.append(s.isEmpty() ? "" : "; ").append(own(c.requested().text())).append(" is leased by ").append(l.holder())
                    .append(" (").append(l.mode().label()).append(", ").append(DurationText.format(l.timeLeft(now)))
                    .append(" left)");
        }
        return s.toString();
    }

    /** The holders' own words about each lease, framed: the resource as they wrote it, its task, their reason. */
    private static String leases(List<Conflict> conflicts) {
        StringBuilder framed = new StringBuilder("The leases, as their holders wrote them:\n");
        // Distinct by fencing token, not by the record: a record's generated equals bootstraps slowly in a cold hook.
        Set<Long> shown = new HashSet<>();
        for (Conflict c : conflicts) {
            Lease l = c.heldBy();
            if (shown.add(l.token().value())) {
                framed.append("- ").append(UntrustedFrame.neutralise(TerminalText.oneLine(l.holder() + ": " + l.resource().text()
                        + l.task().map(t -> ", task " + t).orElse("") + l.reason().map(r -> ", reason: " + r).orElse(""))))
                        .append('\n');
            }
        }
        return UntrustedFrame.wrap(framed.toString());
    }

    /** A path the reader's own tool call named, on one line and defused all the same. */
    private static String own(String path) {
        return UntrustedFrame.neutralise(TerminalText.oneLine(path));
    }

    private static String taskLine(Task t) {
        return UntrustedFrame.neutralise(t.id().text() + " " + t.priority().label() + " [" + t.status().label() + "] "
                + TerminalText.oneLine(t.title()));
    }

    /** Every message given: each one shown here is marked delivered, so none may be cut. */
    private static void messages(StringBuilder framed, List<Envelope> messages) {
        messages.forEach(e -> framed.append(BriefingText.messageLines(e)));
    }

    private static void none(StringBuilder framed, List<?> items) {
        if (items.isEmpty()) {
            framed.append("- none\n");
        }
    }

    private static void more(StringBuilder framed, int size, int shown, String command) {
        if (size > shown) {
            framed.append("- ... and ").append(size - shown).append(" more (`").append(command).append("`)\n");
        }
    }
}
