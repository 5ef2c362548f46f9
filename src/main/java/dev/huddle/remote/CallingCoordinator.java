package dev.huddle.remote;

import dev.huddle.app.Coordinator;
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
import java.util.HashMap;
import java.util.Map;

/**
 * A Coordinator whose every use case is one {@link #call}: the families are the classes the build
 * generates from the operations table ({@link FamilySources}), each method handing its family,
 * name and arguments here. {@link RemoteCoordinator} sends the call over HTTP; the server's
 * command lines call its dispatch in process. No method is written per use case.
 */
public abstract class CallingCoordinator implements Coordinator {

    private final Map<Class<?>, Object> families = new HashMap<>();

    /** One use case, named by its family and method, with the caller's arguments in declaration order. */
    protected abstract Object call(Class<?> family, String method, Object[] args);

    @Override
    public Agents agents() {
        return family(Agents.class);
    }

    @Override
    public Messages messages() {
        return family(Messages.class);
    }

    @Override
    public Leases leases() {
        return family(Leases.class);
    }

    @Override
    public Frontiers frontiers() {
        return family(Frontiers.class);
    }

    @Override
    public EventLog events() {
        return family(EventLog.class);
    }

    @Override
    public Overview overview() {
        return family(Overview.class);
    }

    @Override
    public Tasks tasks() {
        return family(Tasks.class);
    }

    @Override
    public Board board() {
        return family(Board.class);
    }

    @Override
    public Decisions decisions() {
        return family(Decisions.class);
    }

    @Override
    public Summaries summaries() {
        return family(Summaries.class);
    }

    @Override
    public Mirror mirror() {
        return family(Mirror.class);
    }

    @Override
    public Sessions sessions() {
        return family(Sessions.class);
    }

    @Override
    public Tokens tokens() {
        // Token administration is whoever can open the store (Tokens' contract): never over the API.
        throw RemoteCoordinator.notThroughServer("token administration");
    }

    @Override
    public void close() {
        // Nothing held: each call is one request or one dispatch.
    }

    private <T> T family(Class<T> type) {
        Object family = families.get(type);
        if (family == null) {
            family = generated(type, this::call);
            families.put(type, family);
        }
        return type.cast(family);
    }

    /**
     * The family's implementation that the build generated from the operations table
     * ({@link FamilySources}): named by convention, since it is compiled after this class.
     */
    static Object generated(Class<?> type, RemoteCall call) {
        String name = CallingCoordinator.class.getPackageName() + "." + FamilySources.PREFIX + type.getSimpleName();
        try {
            return Class.forName(name).getConstructor(RemoteCall.class).newInstance(call);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + " is missing: the build generates it (FamilySources, pom "
                    + "execution remote-families); rebuild with 'mvn package'", e);
        }
    }
}
