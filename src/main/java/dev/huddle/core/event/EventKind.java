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
    public static final String GC = "store.gc";

    private EventKind() {}
}
