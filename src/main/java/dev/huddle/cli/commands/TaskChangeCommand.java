package dev.huddle.cli.commands;

import dev.huddle.cli.Output;
import dev.huddle.render.RefusalText;
import dev.huddle.app.Coordinator;
import dev.huddle.app.task.TaskOutcome;
import dev.huddle.cli.BoardJson;
import dev.huddle.cli.BoardText;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.TextViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.UsageException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.task.TaskId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task lifecycle verbs after a claim: {@code unclaim}, {@code done}, {@code block},
 * {@code unblock}, {@code amend}, {@code escalate}, {@code reopen}, {@code cancel}. Each is one
 * Coordinator call answering with a {@link TaskOutcome}.
 */
public final class TaskChangeCommand implements Command {

    /** One verb: its usage, summary and past tense for the answer. */
    public enum Verb {
        UNCLAIM("unclaim ID [--token N]", "give your claim back: the task is open again", "unclaimed"),
        DONE("done ID [--conclusion (TEXT|-)] [--token N]",
                "finish your task (exit 2 if you do not hold it, 3 while a blocker is open)", "done"),
        BLOCK("block ID --reason (TEXT|-)", "mark a task blocked on something outside the board", "blocked"),
        UNBLOCK("unblock ID", "lift a block: claimed again, or open when unassigned", "unblocked"),
        AMEND("amend ID (TEXT|-)", "append a remark to the task's history (changes no field)", "amended"),
        ESCALATE("escalate ID [--reason (TEXT|-)]", "raise the priority one level; the queue's handlers and operators are told",
                "escalated"),
        REOPEN("reopen ID [--reason (TEXT|-)]", "open a done or cancelled task again", "reopened"),
        CANCEL("cancel ID [--reason (TEXT|-)]", "cancel a task; another holder is told", "cancelled");

        final String usage;
        final String summary;
        final String past;

        Verb(String usage, String summary, String past) {
            this.usage = usage;
            this.summary = summary;
            this.past = past;
        }

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Verb verb;

    public TaskChangeCommand(Verb verb) {
        this.verb = verb;
    }

    @Override
    public String name() {
        return verb.word();
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        var b = ArgSpec.of(verb.usage, verb.summary).positionals(verb == Verb.AMEND ? 2 : 1,
                verb == Verb.AMEND ? Integer.MAX_VALUE : 1);
        switch (verb) {
            case UNCLAIM -> b.option(token());
            case DONE -> b.option(Option.text("--conclusion", "TEXT", "what came of it, or '-' for stdin")).option(token());
            case BLOCK, ESCALATE, REOPEN, CANCEL -> b.option(Option.text("--reason", "TEXT", "why, or '-' for stdin"));
            default -> { }
        }
        return b.build();
    }

    private static Option token() {
        return Option.value("--token", "N", "the claim's fencing token: refused (exit 2) if the claim has moved on");
    }

    @Override
    public int run(Invocation inv) {
        List<String> words = inv.args().positionals();
        TaskId id = TaskId.parse(words.getFirst());
        AgentId caller = inv.requireCaller();
        Coordinator c = inv.coordinator();
        Optional<FencingToken> token = inv.number("--token").map(FencingToken::new);
        TaskOutcome outcome = switch (verb) {
            case UNCLAIM -> c.tasks().unclaim(caller, id, token);
            case DONE -> c.tasks().done(caller, id, text(inv, "--conclusion"), token);
            case BLOCK -> c.tasks().block(caller, id, text(inv, "--reason").orElseThrow(
                    () -> new UsageException("'huddle block' needs --reason TEXT: others see why the task is stuck")));
            case UNBLOCK -> c.tasks().unblock(caller, id);
            case AMEND -> c.tasks().amend(caller, id, inv.text(words.subList(1, words.size()), max(inv), "amendment"));
            case ESCALATE -> c.tasks().escalate(caller, id, text(inv, "--reason"));
            case REOPEN -> c.tasks().reopen(caller, id, text(inv, "--reason"));
            case CANCEL -> c.tasks().cancel(caller, id, text(inv, "--reason"));
        };
        return render(inv, outcome);
    }

    private static Optional<String> text(Invocation inv, String option) {
        return inv.args().value(option).map(v -> inv.text(List.of(v), max(inv), option.substring(2)));
    }

    private static int max(Invocation inv) {
        return inv.settings().maxMessageBytes();
    }

    private int updated(Invocation inv, TaskOutcome.Updated u, Map<String, Object> json, Instant now) {
        json.put("changed", u.changed());
        json.put("told", u.told().stream().map(AgentId::value).toList());
        json.put("released", u.released().stream().map(l -> l.resource().text()).toList());
        String what = inv.dryRun() ? "dry run: would be " + verb.past + ": "
                : u.changed() ? verb.past + " " : "unchanged (already so): ";
        inv.out().answer(what + BoardText.line(u.task(), now));
        if (!u.told().isEmpty()) {
            inv.out().line("  told " + String.join(", ", u.told().stream().map(AgentId::value).toList()));
        }
        u.released().forEach(l -> inv.out().line("  released " + TextViews.endedLease(l)));
        return ExitCode.OK;
    }

    private int render(Invocation inv, TaskOutcome outcome) {
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", outcome instanceof TaskOutcome.Updated);
        json.put("dry_run", inv.dryRun());
        int code = switch (outcome) {
            case TaskOutcome.Updated u -> updated(inv, u, json, now);
            case TaskOutcome.Denied d -> {
                json.put("reason", "denied");
                json.put("message", d.reason());
                inv.out().answer(RefusalText.text(d, now, Output::one));
                yield ExitCode.DENIED;
            }
            case TaskOutcome.NotReady n -> {
                json.put("reason", "not_ready");
                json.put("blockers", BoardJson.refs(n.openBlockers()));
                json.put("message", RefusalText.message(n, now, Output::one));
                inv.out().answer(RefusalText.text(n, now, Output::one));
                yield ExitCode.NOT_READY;
            }
        };
        json.put("task", BoardJson.task(outcome.task(), now));
        inv.out().json(json);
        return code;
    }
}
