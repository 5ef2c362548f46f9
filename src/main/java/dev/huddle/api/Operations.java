package dev.huddle.api;

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
import java.util.List;
import java.util.Optional;

/**
 * Every use case of the Coordinator, declared once ({@link OperationTable}): the server's routes, the remote client and the
 * OpenAPI document are derived from this table (docs/decisions.md, "One Coordinator, one table").
 * {@code OperationsTest} checks that it names every method of every family exactly once.
 *
 * <p>Paths take no parameters: everything a use case needs is in the query (GET) or the JSON body
 * (POST). A GET's fields fit a query string ({@link QueryForm}) and it is read-only, or a stream
 * (server-sent events need a GET); a read whose input does not fit a query is a POST marked read-only.
 */
public final class Operations {

    public static final String PREFIX = "/api/v1";

    /**
     * The request header that makes a call a rehearsal ({@code --dry-run}): the server runs it on a
     * rehearsing Coordinator, the same transaction rolled back. A compile-time constant, so a client
     * naming it does not load this table.
     */
    public static final String DRY_RUN_HEADER = "Huddle-Dry-Run";

    /** The families, in the order of {@link dev.huddle.app.Coordinator}'s accessors. */
    public static final List<Class<?>> FAMILIES = List.of(Agents.class, Messages.class, Leases.class,
            Frontiers.class, EventLog.class, Overview.class, Tasks.class, Board.class, Decisions.class,
            Summaries.class, Mirror.class, Sessions.class);

    public static final List<Operation> ALL = OperationTable.resolveAll();

    private Operations() {}

    public static Optional<Operation> named(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public static Optional<Operation> route(Operation.Verb verb, String fullPath) {
        return ALL.stream().filter(o -> o.verb() == verb && o.fullPath().equals(fullPath)).findFirst();
    }
}
