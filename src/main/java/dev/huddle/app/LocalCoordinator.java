package dev.huddle.app;

import dev.huddle.app.agent.AgentService;
import dev.huddle.app.agent.Agents;
import dev.huddle.app.decision.DecisionService;
import dev.huddle.app.decision.Decisions;
import dev.huddle.app.frontier.FrontierService;
import dev.huddle.app.frontier.Frontiers;
import dev.huddle.app.lease.LeaseService;
import dev.huddle.app.lease.Leases;
import dev.huddle.app.log.EventLog;
import dev.huddle.app.log.EventLogService;
import dev.huddle.app.message.MessageService;
import dev.huddle.app.message.Messages;
import dev.huddle.app.mirror.Mirror;
import dev.huddle.app.mirror.MirrorService;
import dev.huddle.app.overview.Overview;
import dev.huddle.app.overview.OverviewService;
import dev.huddle.app.session.SessionService;
import dev.huddle.app.session.Sessions;
import dev.huddle.app.summary.Summaries;
import dev.huddle.app.summary.SummaryService;
import dev.huddle.app.task.Board;
import dev.huddle.app.task.BoardService;
import dev.huddle.app.task.TaskService;
import dev.huddle.app.task.Tasks;
import dev.huddle.app.token.TokenService;
import dev.huddle.app.token.Tokens;

/**
 * The coordinator over a local store: each family's service over one {@link Context}. A service is
 * built on first use, so a cold CLI command loads only the families it calls (docs/decisions.md,
 * "Start-up cost"). A service keeps no state of its own between calls, so two threads racing on
 * first use at worst build one twice and keep either. It owns the store and closes it.
 */
public final class LocalCoordinator implements Coordinator {

    private final Context ctx;
    private Agents agents;
    private Messages messages;
    private Leases leases;
    private Frontiers frontiers;
    private EventLog events;
    private Overview overview;
    private Tasks tasks;
    private Board board;
    private Decisions decisions;
    private Summaries summaries;
    private Mirror mirror;
    private Sessions sessions;
    private Tokens tokens;

    public LocalCoordinator(Context ctx) {
        this.ctx = ctx;
    }

    // Plain null checks rather than a shared lazy helper: a lambda per accessor would cost its
    // bootstrap on every cold start.

    @Override
    public Agents agents() {
        if (agents == null) {
            agents = new AgentService(ctx);
        }
        return agents;
    }

    @Override
    public Messages messages() {
        if (messages == null) {
            messages = new MessageService(ctx);
        }
        return messages;
    }

    @Override
    public Leases leases() {
        if (leases == null) {
            leases = new LeaseService(ctx);
        }
        return leases;
    }

    @Override
    public Frontiers frontiers() {
        if (frontiers == null) {
            frontiers = new FrontierService(ctx);
        }
        return frontiers;
    }

    @Override
    public EventLog events() {
        if (events == null) {
            events = new EventLogService(ctx);
        }
        return events;
    }

    @Override
    public Overview overview() {
        if (overview == null) {
            overview = new OverviewService(ctx, leases());
        }
        return overview;
    }

    @Override
    public Tasks tasks() {
        if (tasks == null) {
            tasks = new TaskService(ctx);
        }
        return tasks;
    }

    @Override
    public Board board() {
        if (board == null) {
            board = new BoardService(ctx);
        }
        return board;
    }

    @Override
    public Decisions decisions() {
        if (decisions == null) {
            decisions = new DecisionService(ctx);
        }
        return decisions;
    }

    @Override
    public Summaries summaries() {
        if (summaries == null) {
            summaries = new SummaryService(ctx);
        }
        return summaries;
    }

    @Override
    public Mirror mirror() {
        if (mirror == null) {
            mirror = new MirrorService(ctx);
        }
        return mirror;
    }

    @Override
    public Sessions sessions() {
        if (sessions == null) {
            sessions = new SessionService(ctx);
        }
        return sessions;
    }

    @Override
    public Coordinator rehearsing() {
        return new LocalCoordinator(ctx.rehearsing(true));
    }

    @Override
    public Tokens tokens() {
        if (tokens == null) {
            tokens = new TokenService(ctx);
        }
        return tokens;
    }

    @Override
    public void close() {
        ctx.store().close();
    }
}
