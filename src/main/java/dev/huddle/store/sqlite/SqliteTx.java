package dev.huddle.store.sqlite;

import dev.huddle.core.lease.FencingToken;
import dev.huddle.store.AgentRows;
import dev.huddle.store.EventRows;
import dev.huddle.store.LeaseRows;
import dev.huddle.store.MessageRows;
import dev.huddle.store.SessionRows;
import dev.huddle.store.Tx;

/** The table families over one connection inside an open transaction. */
final class SqliteTx implements Tx {

    private final Jdbc jdbc;
    private final AgentRows agents;
    private final SessionRows sessions;
    private final LeaseRows leases;
    private final MessageRows messages;
    private final EventRows events;

    SqliteTx(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.agents = new SqliteAgentRows(jdbc);
        this.sessions = new SqliteSessionRows(jdbc);
        this.leases = new SqliteLeaseRows(jdbc);
        this.messages = new SqliteMessageRows(jdbc);
        this.events = new SqliteEventRows(jdbc);
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
    public MessageRows messages() {
        return messages;
    }

    @Override
    public EventRows events() {
        return events;
    }

    @Override
    public FencingToken nextFencingToken() {
        return new FencingToken(jdbc.number("UPDATE counters SET value = value + 1 WHERE name = 'fence' RETURNING value"));
    }
}
