package dev.huddle.app;

import dev.huddle.app.agent.Agents;
import dev.huddle.app.decision.Decisions;
import dev.huddle.app.frontier.Frontiers;
import dev.huddle.app.lease.Leases;
import dev.huddle.app.log.EventLog;
import dev.huddle.app.message.Messages;
import dev.huddle.app.mirror.Mirror;
import dev.huddle.app.overview.Overview;
import dev.huddle.app.session.Sessions;
import dev.huddle.app.summary.Summaries;
import dev.huddle.app.task.Board;
import dev.huddle.app.task.Tasks;
import dev.huddle.app.token.Tokens;

/**
 * Every use case of Huddle behind one interface (DESIGN §2). Faces (CLI, hooks, MCP, server)
 * only translate to and from these calls; whether the answer comes from a local store or a
 * server is invisible to them. Expected refusals are returned as values; invalid input and
 * unknown names are {@link dev.huddle.core.HuddleException}s; store failures are
 * {@link dev.huddle.store.StoreException}s.
 */
public interface Coordinator extends Agents, Messages, Leases, Frontiers, EventLog, Overview,
        Tasks, Board, Decisions, Summaries, Mirror, Sessions, AutoCloseable {

    /** The same coordinator with every write rehearsed and rolled back (--dry-run). */
    Coordinator rehearsing();

    /** The server's bearer tokens: issue, list, revoke, authenticate (DESIGN §8). */
    Tokens tokens();

    @Override
    void close();
}
