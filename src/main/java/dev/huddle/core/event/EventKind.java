package dev.huddle.core.event;

/** The kinds of event in the log: one string per kind of mutation, stable for --json and filters. */
public final class EventKind {
    public static final String INIT = "store.init";
    public static final String REGISTER = "agent.register";
    public static final String HEARTBEAT = "agent.heartbeat";
    public static final String LEAVE = "agent.leave";
    public static final String SEND = "message.send";
    public static final String READ = "message.read";
    public static final String ACK = "message.ack";
    public static final String DELIVER = "message.deliver";
    public static final String LOCK = "lease.grant";
    public static final String RENEW = "lease.renew";
    public static final String UNLOCK = "lease.release";
    public static final String FORCE_UNLOCK = "lease.force_release";
    /** An expired lease was swept and its holder told (data.notice: the message); logged by no agent. */
    public static final String EXPIRE = "lease.expire";
    /** A lock --wait request joined the line (its place is data.waiter); a grant or a give-up ends the wait. */
    public static final String WAIT = "lease.wait";
    public static final String GIVE_UP = "lease.give_up";
    public static final String GC = "store.gc";
    public static final String TASK_CREATE = "task.create";
    public static final String TASK_CLAIM = "task.claim";
    public static final String TASK_UNCLAIM = "task.unclaim";
    public static final String TASK_DONE = "task.done";
    public static final String TASK_BLOCK = "task.block";
    public static final String TASK_UNBLOCK = "task.unblock";
    public static final String TASK_AMEND = "task.amend";
    public static final String TASK_ESCALATE = "task.escalate";
    public static final String TASK_REOPEN = "task.reopen";
    public static final String TASK_CANCEL = "task.cancel";
    public static final String DEPENDENCY_ADD = "task.dep_add";
    public static final String DEPENDENCY_REMOVE = "task.dep_remove";
    public static final String DECIDE = "decision.record";
    public static final String SUMMARY_START = "summary.start";
    public static final String SUMMARY_WRITE = "summary.write";
    public static final String SUMMARY_COLLECT = "summary.collect";
    public static final String SESSION_START = "session.start";
    public static final String SESSION_END = "session.end";
    public static final String FILE_EDIT = "file.edit";
    public static final String STOP_BLOCK = "session.stop_block";
    public static final String TOKEN_ISSUE = "token.issue";
    public static final String TOKEN_REVOKE = "token.revoke";
    public static final String TOKEN_REFUSED = "token.refused";
    /** An operator-only action through the server, or a forced release (who, with which token). */
    public static final String OPERATOR_ACTION = "operator.action";

    private EventKind() {}
}
