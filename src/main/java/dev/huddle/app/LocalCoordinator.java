package dev.huddle.app;

import dev.huddle.app.agent.AgentService;
import dev.huddle.app.agent.AgentView;
import dev.huddle.app.agent.Agents;
import dev.huddle.app.agent.Departure;
import dev.huddle.app.agent.Registration;
import dev.huddle.app.frontier.FrontierService;
import dev.huddle.app.frontier.Frontiers;
import dev.huddle.app.frontier.SyncResult;
import dev.huddle.app.lease.LeaseService;
import dev.huddle.app.lease.LeaseView;
import dev.huddle.app.lease.Leases;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.app.lease.PathCheck;
import dev.huddle.app.lease.UnlockOutcome;
import dev.huddle.app.lease.UnlockRequest;
import dev.huddle.app.log.EventLog;
import dev.huddle.app.log.EventLogService;
import dev.huddle.app.message.MessageService;
import dev.huddle.app.message.Messages;
import dev.huddle.app.message.SendRequest;
import dev.huddle.app.message.SendResult;
import dev.huddle.app.overview.Briefing;
import dev.huddle.app.overview.Collected;
import dev.huddle.app.overview.Initialised;
import dev.huddle.app.overview.Overview;
import dev.huddle.app.overview.OverviewService;
import dev.huddle.app.overview.Status;
import dev.huddle.app.token.TokenService;
import dev.huddle.app.token.Tokens;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The coordinator over a local store: each family of use cases is its own class; this one only
 * routes (the work board's families through {@link BoardRoutes}, the agent programs' sessions through
 * {@link SessionRoutes}). It owns the store and closes it.
 */
public final class LocalCoordinator extends SessionRoutes implements Coordinator {

    private final Context ctx;
    private final Agents agents;
    private final Messages messages;
    private final Leases leases;
    private final Frontiers frontiers;
    private final EventLog log;
    private final Overview overview;
    /** Made on first use: a cold command that never touches tokens does not load them or seed a SecureRandom. */
    private Tokens tokens;

    public LocalCoordinator(Context ctx) {
        super(ctx);
        this.ctx = ctx;
        this.agents = new AgentService(ctx);
        this.messages = new MessageService(ctx);
        this.leases = new LeaseService(ctx);
        this.frontiers = new FrontierService(ctx);
        this.log = new EventLogService(ctx);
        this.overview = new OverviewService(ctx, leases);
    }

    @Override
    public Coordinator rehearsing() {
        return new LocalCoordinator(ctx.rehearsing(true));
    }

    @Override
    public synchronized Tokens tokens() {
        if (tokens == null) {
            tokens = new TokenService(ctx);
        }
        return tokens;
    }

    @Override
    public Registration register(AgentId id, AgentProfile profile, Optional<Long> epoch) {
        return agents.register(id, profile, epoch);
    }

    @Override
    public AgentView whoami(AgentId caller) {
        return agents.whoami(caller);
    }

    @Override
    public List<AgentView> agents(boolean includeDeparted) {
        return agents.agents(includeDeparted);
    }

    @Override
    public AgentView heartbeat(AgentId caller, Optional<Long> epoch, Optional<Long> round) {
        return agents.heartbeat(caller, epoch, round);
    }

    @Override
    public Departure leave(AgentId caller) {
        return agents.leave(caller);
    }

    @Override
    public Optional<AgentId> agentForSession(String sessionId) {
        return agents.agentForSession(sessionId);
    }

    @Override
    public SendResult send(SendRequest request) {
        return messages.send(request);
    }

    @Override
    public List<Envelope> inbox(AgentId caller, boolean includeRead) {
        return messages.inbox(caller, includeRead);
    }

    @Override
    public List<Envelope> recv(AgentId caller, int limit) {
        return messages.recv(caller, limit);
    }

    @Override
    public Envelope read(AgentId caller, long messageId) {
        return messages.read(caller, messageId);
    }

    @Override
    public Envelope ack(AgentId caller, long messageId) {
        return messages.ack(caller, messageId);
    }

    @Override
    public List<Message> thread(String key) {
        return messages.thread(key);
    }

    @Override
    public List<Message> search(String query, int limit) {
        return messages.search(query, limit);
    }

    @Override
    public LockOutcome lock(LockRequest request) {
        return leases.lock(request);
    }

    @Override
    public UnlockOutcome unlock(UnlockRequest request) {
        return leases.unlock(request);
    }

    @Override
    public UnlockOutcome renew(AgentId caller, List<String> resources, Optional<Duration> ttl, Optional<FencingToken> token) {
        return leases.renew(caller, resources, ttl, token);
    }

    @Override
    public List<LeaseView> locks(boolean all, Optional<AgentId> holder) {
        return leases.locks(all, holder);
    }

    @Override
    public List<PathCheck> check(Optional<AgentId> caller, List<String> paths) {
        return leases.check(caller, paths);
    }

    @Override
    public FrontierVerdict frontier(FrontierQuery query, Optional<Duration> wait) {
        return frontiers.frontier(query, wait);
    }

    @Override
    public SyncResult sync(AgentId caller, Optional<Long> epoch, Optional<Long> round) {
        return frontiers.sync(caller, epoch, round);
    }

    @Override
    public List<Event> log(EventFilter filter) {
        return log.log(filter);
    }

    @Override
    public long watch(EventFilter filter, Duration timeout, Predicate<Event> sink) {
        return log.watch(filter, timeout, sink);
    }

    @Override
    public void watchInbox(AgentId caller, Duration timeout, Predicate<Envelope> sink) {
        log.watchInbox(caller, timeout, sink);
    }

    @Override
    public long lastSeq() {
        return log.lastSeq();
    }

    @Override
    public Initialised init() {
        return overview.init();
    }

    @Override
    public Status status(Optional<AgentId> caller) {
        return overview.status(caller);
    }

    @Override
    public Briefing prime(AgentId caller) {
        return overview.prime(caller);
    }

    @Override
    public String backup(java.nio.file.Path target) {
        return overview.backup(target);
    }

    @Override
    public Collected gc() {
        return overview.gc();
    }

    @Override
    public void close() {
        ctx.store().close();
    }
}
