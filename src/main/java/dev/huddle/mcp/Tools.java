package dev.huddle.mcp;

import static dev.huddle.mcp.Tool.Hint.IDEMPOTENT;
import static dev.huddle.mcp.Tool.Hint.READ;
import static dev.huddle.mcp.Tool.Hint.WRITE;
import static dev.huddle.mcp.Tool.op;

import dev.huddle.api.Operation;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.app.lease.UnlockRequest;
import dev.huddle.app.message.SendRequest;
import dev.huddle.app.session.SessionOpened;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.time.DurationText;
import dev.huddle.render.SessionText;
import java.util.List;
import java.util.Optional;

/**
 * The MCP tools, declared once (issue 9): exactly twelve, each a thin translation onto one
 * Coordinator use case. Argument names are alike across tools ({@code paths}, {@code id}, ...).
 * Descriptions and schemas are kept short: {@code tools/list} must stay under 3,000 tokens
 * ({@code ToolListSizeTest}).
 */
final class Tools {

    private static final Operation OPEN = op("openSession");
    private static final Operation SEND = op("send");
    private static final Operation INBOX = op("inbox");
    private static final Operation ACK = op("ack");
    private static final Operation LOCK = op("lock");
    private static final Operation UNLOCK = op("unlock");
    private static final Operation CHECK = op("check");
    private static final Operation READY = op("ready");
    private static final Operation CLAIM = op("claim");
    private static final Operation CLAIM_NEXT = op("claimNext");
    private static final Operation DONE = op("done");
    private static final Operation FRONTIER = op("frontier");
    private static final Operation STATUS = op("status");

    private static final int READY_LIMIT = 20;

    static final List<Tool> ALL = List.of(
            new Tool("start_session",
                    "Start or resume your Huddle session; call first. Returns who you are, the team, leases, your tasks and unread messages.",
                    Schema.object().text("agent", "your agent id (default: HUDDLE_AGENT, else a new one)")
                            .text("program", "your program, e.g. claude").build(),
                    IDEMPOTENT, OPEN, true,
                    (who, a) -> new Tool.Bound(OPEN, who.session(a.optionalText("agent"), a.optionalText("program")), "mcp"),
                    (result, now) -> SessionText.context((SessionOpened) result, now)),
            new Tool("send", "Message other agents. Also returns your unread messages, marking them read.",
                    Schema.object().texts("to", "agent ids, role:NAME, or all").required().text("body", null).required()
                            .text("thread", null).text("importance", "low|normal|high|urgent").build(),
                    WRITE, SEND, true,
                    (who, a) -> new Tool.Bound(SEND, new SendRequest(who.agent(),
                            a.texts("to").stream().map(Address::parse).toList(), Optional.empty(), a.text("body"),
                            a.optionalText("importance").map(Importance::parse).orElse(Importance.NORMAL), false,
                            a.optionalText("thread"), Optional.empty())),
                    null),
            new Tool("inbox", "Your unread messages (all: also read ones). Changes nothing; ack marks one read.",
                    Schema.object().flag("all", null).build(),
                    READ, INBOX, true, (who, a) -> new Tool.Bound(INBOX, who.agent(), a.flag("all")), null),
            new Tool("ack", "Acknowledge a message by id (marks it read).",
                    Schema.object().id("id", "message id").required().build(),
                    IDEMPOTENT, ACK, true, (who, a) -> new Tool.Bound(ACK, who.agent(), a.number("id")), null),
            new Tool("reserve",
                    "Lease files before editing them, all or none. Refused while another agent holds one: the error names the holder, until when, and what to do.",
                    Schema.object().texts("paths", "paths or globs").required().text("reason", null)
                            .text("ttl", "e.g. 30m").flag("shared", "a shared (read) lease").build(),
                    IDEMPOTENT, LOCK, true,
                    (who, a) -> new Tool.Bound(LOCK, new LockRequest(who.agent(), a.texts("paths"),
                            a.flag("shared") ? LeaseMode.SHARED : LeaseMode.EXCLUSIVE,
                            a.optionalText("ttl").map(t -> DurationText.parse(t, "ttl")), a.optionalText("reason"),
                            Optional.empty(), Optional.empty())),
                    null),
            new Tool("release", "Release your leases on paths.",
                    Schema.object().texts("paths", null).required().build(),
                    IDEMPOTENT, UNLOCK, true,
                    (who, a) -> new Tool.Bound(UNLOCK, new UnlockRequest(who.agent(), a.texts("paths"), Optional.empty(),
                            false, Optional.empty())),
                    null),
            new Tool("check", "Which other agents' leases stop an edit of these paths. Changes nothing.",
                    Schema.object().texts("paths", null).required().build(),
                    READ, CHECK, true, (who, a) -> new Tool.Bound(CHECK, Optional.of(who.agent()), a.texts("paths")), null),
            new Tool("ready", "Tasks ready to start, most urgent first.",
                    Schema.object().text("queue", null).number("limit", null).build(),
                    READ, READY, true,
                    (who, a) -> new Tool.Bound(READY, a.optionalText("queue"),
                            Math.toIntExact(a.optionalNumber("limit").orElse((long) READY_LIMIT))),
                    null),
            new Tool("claim", "Claim a task by id, or without id the most urgent ready one.",
                    Schema.object().text("id", "task id, e.g. T-3").build(),
                    WRITE, CLAIM, true,
                    (who, a) -> a.optionalText("id")
                            .map(id -> new Tool.Bound(CLAIM, who.agent(), TaskId.parse(id), false))
                            .orElseGet(() -> new Tool.Bound(CLAIM_NEXT, who.agent(), Optional.empty(), false)),
                    null),
            new Tool("done", "Finish the task you hold.",
                    Schema.object().text("id", null).required().text("conclusion", null).build(),
                    IDEMPOTENT, DONE, true,
                    (who, a) -> new Tool.Bound(DONE, who.agent(), TaskId.parse(a.text("id")), a.optionalText("conclusion"),
                            Optional.empty()),
                    null),
            new Tool("frontier", "Whether every agent has moved past epoch (and round): SAFE, or who lags.",
                    Schema.object().number("epoch", null).required().number("round", null).build(),
                    READ, FRONTIER, false,
                    (who, a) -> new Tool.Bound(FRONTIER, new FrontierQuery(a.number("epoch"),
                            a.optionalNumber("round").orElse(null), false), Optional.empty()),
                    null),
            new Tool("status", "Agents, live leases, the board at a glance, your unread count.",
                    Schema.object().build(),
                    READ, STATUS, true, (who, a) -> new Tool.Bound(STATUS, Optional.of(who.agent())), null));

    private Tools() {}

    static Optional<Tool> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
