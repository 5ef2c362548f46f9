package dev.huddle.store.sqlite;

import dev.huddle.core.lease.FencingToken;
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

/** The table families over one connection inside an open transaction. */
final class SqliteTx implements Tx {

    private final Jdbc jdbc;
    private final AgentRows agents;
    private final SessionRows sessions;
    private final LeaseRows leases;
    private final FrontierWaiterRows frontierWaiters;
    private final MessageRows messages;
    private final EventRows events;
    private final TaskRows tasks;
    private final DependencyRows dependencies;
    private final DecisionRows decisions;
    private final SummaryRows summaries;
    private final TokenRows tokens;
    private final DumpRows dump;

    SqliteTx(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.agents = new SqliteAgentRows(jdbc);
        this.sessions = new SqliteSessionRows(jdbc);
        this.leases = new SqliteLeaseRows(jdbc);
        this.frontierWaiters = new SqliteFrontierWaiterRows(jdbc);
        this.messages = new SqliteMessageRows(jdbc);
        this.events = new SqliteEventRows(jdbc);
        this.tasks = new SqliteTaskRows(jdbc);
        this.dependencies = new SqliteDependencyRows(jdbc);
        this.decisions = new SqliteDecisionRows(jdbc);
        this.summaries = new SqliteSummaryRows(jdbc);
        this.tokens = new SqliteTokenRows(jdbc);
        this.dump = new SqliteDumpRows(jdbc);
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
        return dump;
    }

    @Override
    public FencingToken nextFencingToken() {
        return new FencingToken(jdbc.number("UPDATE counters SET value = value + 1 WHERE name = 'fence' RETURNING value"));
    }
}
