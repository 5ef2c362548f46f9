package dev.huddle.store.sql;

import dev.huddle.core.lease.FencingToken;
import dev.huddle.store.ActingWork;
import dev.huddle.store.AgentRows;
import dev.huddle.store.DecisionRows;
import dev.huddle.store.DependencyRows;
import dev.huddle.store.DumpRows;
import dev.huddle.store.EventRows;
import dev.huddle.store.FrontierWaiterRows;
import dev.huddle.store.LeaseRows;
import dev.huddle.store.MessageRows;
import dev.huddle.store.SessionRows;
import dev.huddle.store.SummaryRows;
import dev.huddle.store.TaskRows;
import dev.huddle.store.TokenRows;
import dev.huddle.store.Tx;
import java.util.List;
import java.util.function.Function;

/**
 * The table families over one connection inside an open transaction: one set of SQL for every
 * engine, with what truly differs taken from the engine's {@link SqlDialect}.
 */
public final class SqlTx implements Tx {

    /** Takes the next fencing token (leases and claims share one counter). */
    static final String TAKE_FENCE = "UPDATE counters SET value = value + 1 WHERE name = 'fence'";

    /** The token {@link #TAKE_FENCE} would take next, read without taking it. */
    static final String NEXT_FENCE = "SELECT value + 1 FROM counters WHERE name = 'fence'";

    /** The last token taken. */
    static final String LAST_FENCE = "SELECT value FROM counters WHERE name = 'fence'";

    /** {@link #TAKE_FENCE} as a WITH that a statement reads the token taken from, as {@code fence.value}. */
    static final String WITH_FENCE = "WITH fence AS (" + TAKE_FENCE + " RETURNING value) ";

    private final SqlJdbc jdbc;
    private final SqlBatchIds ids;
    private final SqlAgentRows agents;
    private final SessionRows sessions;
    private final SqlLeaseRows leases;
    private final FrontierWaiterRows frontierWaiters;
    private final MessageRows messages;
    private final SqlEventRows events;
    private final TaskRows tasks;
    private final DependencyRows dependencies;
    private final DecisionRows decisions;
    private final SummaryRows summaries;
    private final TokenRows tokens;
    private final DumpRows dump;

    public SqlTx(SqlJdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.ids = new SqlBatchIds(jdbc, dialect.sequences());
        this.agents = new SqlAgentRows(jdbc);
        this.sessions = new SqlSessionRows(jdbc);
        this.leases = new SqlLeaseRows(jdbc, dialect, ids, agents::written);
        this.frontierWaiters = new SqlFrontierWaiterRows(jdbc);
        this.messages = new SqlMessageRows(jdbc, dialect, ids);
        this.events = new SqlEventRows(jdbc);
        this.tasks = new SqlTaskRows(jdbc);
        this.dependencies = new SqlDependencyRows(jdbc);
        this.decisions = new SqlDecisionRows(jdbc);
        this.summaries = new SqlSummaryRows(jdbc);
        this.tokens = new SqlTokenRows(jdbc, dialect);
        this.dump = new SqlDumpRows(jdbc, dialect);
    }

    /**
     * Readies the table families for a batch of {@code works} ({@link SqlBatch}), run under the
     * writers' lock: the rows of the agents they name ({@link ActingWork}) are read ahead in one
     * statement that goes with the next, so their lookups cost no round trip of their own, and so are
     * the leases they name ({@link SqlLeasesAhead}); the leases' family may keep, for the batch, what it learns of when the next lease expires; the
     * newest events are read once, to make every work's causal window from ({@link SqlEventRows#inBatch});
     * and the batch may hand out tokens and ids itself ({@link SqlBatchIds}).
     */
    void prepareBatch(List<? extends Function<Tx, ?>> works) {
        agents.expect(works.stream().flatMap(work -> ActingWork.agentsOf(work).stream()).toList());
        leases.inBatch();
        leases.expect(works.stream().map(ActingWork::leasesOf).toList());
        ids.inBatch();
        events.inBatch();
    }

    /** A work of the batch was undone: what a family learned from reads since may no longer hold. */
    void rolledBack() {
        leases.rolledBack();
        ids.forget();
        events.rolledBack();
    }

    /** The connection's moves this transaction runs on, for {@link SqlBatch}'s savepoints. */
    SqlJdbc jdbc() {
        return jdbc;
    }

    @Override
    public AgentRows agents() {
        return agents;
    }

    @Override
    public SessionRows sessions() {
        return sessions;
    }

    @Override
    public LeaseRows leases() {
        return leases;
    }

    @Override
    public FrontierWaiterRows frontierWaiters() {
        return frontierWaiters;
    }

    @Override
    public MessageRows messages() {
        return messages;
    }

    @Override
    public EventRows events() {
        return events;
    }

    @Override
    public TaskRows tasks() {
        return tasks;
    }

    @Override
    public DependencyRows dependencies() {
        return dependencies;
    }

    @Override
    public DecisionRows decisions() {
        return decisions;
    }

    @Override
    public SummaryRows summaries() {
        return summaries;
    }

    @Override
    public TokenRows tokens() {
        return tokens;
    }

    @Override
    public DumpRows dump() {
        leases.forgetAhead(); // a restore writes the leases' tables past their family
        return dump;
    }

    @Override
    public FencingToken nextFencingToken() {
        if (ids.knows(SqlBatchIds.Kind.FENCE)) {
            return new FencingToken(ids.takeFence());
        }
        long token = jdbc.number(TAKE_FENCE + " RETURNING value");
        ids.took(SqlBatchIds.Kind.FENCE, token);
        return new FencingToken(token);
    }
}
