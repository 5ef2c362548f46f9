package dev.huddle.cli.commands;

import dev.huddle.app.overview.Status;
import dev.huddle.app.overview.Workload;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.BoardText;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskStatus;
import dev.huddle.integration.install.HttpHookServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code huddle status}: the whole picture, the work board included. */
public final class StatusCommand implements Command {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("status [--compact]",
                        "who you are, agents, live leases, tasks (claimed, ready, blocked, overdue), frontier spread, messages")
                .option(Option.flag("--compact", "one line"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        Status s = inv.coordinator().overview().status(inv.caller());
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", s.store());
        s.caller().ifPresent(c -> json.put("caller", c.value()));
        json.put("agents", s.agents().stream().map(JsonViews::agent).toList());
        json.put("leases", s.leases().stream().map(v -> JsonViews.leaseView(v, now)).toList());
        json.put("tasks", tasksJson(s.work(), now));
        s.lowest().ifPresent(p -> json.put("lowest", Map.of("epoch", p.epoch(), "round", p.round())));
        s.highest().ifPresent(p -> json.put("highest", Map.of("epoch", p.epoch(), "round", p.round())));
        s.unread().ifPresent(u -> json.put("unread", u));
        json.put("messages", s.messages());
        json.put("last_seq", s.lastSeq());
        List<Map<String, Object>> httpHooks = httpHooks(inv);
        if (!httpHooks.isEmpty()) {
            json.put("http_hooks", httpHooks);
        }
        inv.out().json(json);
        Workload w = s.work();
        String summary = s.agents().size() + " agent(s), " + s.leases().size() + " live lease(s), "
                + w.count(TaskStatus.CLAIMED) + " claimed, " + w.ready().tasks().size() + (w.ready().more() ? "+" : "")
                + " ready, " + w.count(TaskStatus.BLOCKED) + " blocked, " + w.overdueCount() + " overdue task(s), "
                + s.messages() + " message(s)" + s.unread().map(u -> ", " + u + " unread for you").orElse("")
                + s.lowest().map(p -> ", pointstamps " + p + ".." + s.highest().orElseThrow()).orElse("")
                + ", log at #" + s.lastSeq();
        if (inv.args().has("--compact")) {
            inv.out().answer(who(s) + ": " + summary);
            return ExitCode.OK;
        }
        inv.out().answer("store " + s.store());
        inv.out().answer(who(s));
        inv.out().answer(summary);
        s.agents().forEach(v -> inv.out().answer("  " + AgentsCommand.row(v)));
        s.leases().forEach(v -> inv.out().answer("  " + TextViews.lease(v.lease(), now)));
        tasksText(inv, w, now);
        return ExitCode.OK;
    }

    /** How long status waits for a server's health answer: a local server answers in about a millisecond. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofMillis(300);

    /**
     * Huddle's HTTP hooks in the project's and the user's Claude Code settings, and whether their server
     * answers; one warning per server that does not, since then every edit is refused.
     */
    private static List<Map<String, Object>> httpHooks(Invocation inv) {
        Path home = inv.env("HOME").map(Path::of).orElse(null);
        if (home == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String base : HttpHookServers.installed(inv.runtime().location().repoRoot(), home)) {
            boolean answers = HttpHookServers.answers(base, HEALTH_TIMEOUT);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", base);
            m.put("answers", answers);
            out.add(m);
            if (!answers) {
                // Claude Code's own refusal does not say what to do (docs/decisions.md): status names it.
                inv.out().warn("Claude Code's HTTP hooks point at " + base + " but no server answers: start it with 'huddle serve'"
                        + " (until then Claude Code refuses every edit: \"PreToolUse:<tool> hook error: [" + base
                        + "/api/v1/hooks/claude/pre-tool-use]: failed; blocking because onFailure is \"block\"\")");
            }
        }
        return out;
    }

    /** Who is asking, so an agent whose identity came from a variable or a session sees which one it is. */
    private static String who(Status s) {
        return s.caller().map(c -> "you are " + c + (s.unread().isEmpty() ? " (not registered: huddle register " + c + ")" : ""))
                .orElse("no agent named (--agent ID or HUDDLE_AGENT)");
    }

    private static Map<String, Object> tasksJson(Workload w, Instant now) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status.label(), w.count(status));
        }
        counts.put("overdue", (long) w.overdueCount());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", counts);
        m.put("claimed", BoardJson.tasks(w.claimed(), now));
        m.put("ready", BoardJson.tasks(w.ready().tasks(), now));
        m.put("ready_more", w.ready().more());
        m.put("blocked", BoardJson.tasks(w.blocked(), now));
        m.put("overdue", BoardJson.tasks(w.overdue(), now));
        return m;
    }

    private static void tasksText(Invocation inv, Workload w, Instant now) {
        long total = w.counts().values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            inv.out().answer("tasks: none yet ('huddle task new TITLE' adds one)");
            return;
        }
        StringBuilder counts = new StringBuilder("tasks:");
        for (TaskStatus status : TaskStatus.values()) {
            counts.append(status == TaskStatus.OPEN ? " " : ", ").append(w.count(status)).append(' ').append(status.label());
        }
        inv.out().answer(counts.append("; ").append(w.overdueCount()).append(" overdue").toString());
        section(inv, "claimed", w.claimed(), w.count(TaskStatus.CLAIMED), "huddle task list --status claimed", now);
        section(inv, "ready", w.ready().tasks(), w.ready().tasks().size() + (w.ready().more() ? 1 : 0), "huddle ready", now);
        section(inv, "blocked", w.blocked(), w.count(TaskStatus.BLOCKED), "huddle queue blockers", now);
        section(inv, "overdue", w.overdue(), w.overdueCount(), "huddle queue check --overdue", now);
    }

    private static void section(Invocation inv, String title, List<Task> shown, long total, String more, Instant now) {
        if (shown.isEmpty()) {
            return;
        }
        inv.out().answer("  " + title + ":");
        shown.forEach(t -> inv.out().answer("    " + BoardText.line(t, now)));
        if (total > shown.size()) {
            inv.out().answer("    ... more: " + more);
        }
    }
}
