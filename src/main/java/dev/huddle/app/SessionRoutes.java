package dev.huddle.app;

import dev.huddle.app.session.EditCheck;
import dev.huddle.app.session.EditRecorded;
import dev.huddle.app.session.Pushed;
import dev.huddle.app.session.SessionClosed;
import dev.huddle.app.session.SessionOpened;
import dev.huddle.app.session.SessionRef;
import dev.huddle.app.session.SessionService;
import dev.huddle.app.session.Sessions;
import dev.huddle.app.session.StopVerdict;
import dev.huddle.core.edit.EditTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent programs' sessions in {@link LocalCoordinator}'s routing table (DESIGN §5 "Hooks"):
 * a superclass, like {@link BoardRoutes}, so no routing file grows past its budget.
 */
abstract class SessionRoutes extends BoardRoutes implements Sessions {

    private final Sessions sessions;

    SessionRoutes(Context ctx) {
        super(ctx);
        this.sessions = new SessionService(ctx);
    }

    @Override
    public SessionOpened openSession(SessionRef session, String source) {
        return sessions.openSession(session, source);
    }

    @Override
    public Pushed pushMessages(SessionRef session) {
        return sessions.pushMessages(session);
    }

    @Override
    public EditCheck mayEdit(SessionRef session, Path base, List<EditTarget> targets) {
        return sessions.mayEdit(session, base, targets);
    }

    @Override
    public EditRecorded recordEdit(SessionRef session, Path base, List<EditTarget> targets, String tool) {
        return sessions.recordEdit(session, base, targets, tool);
    }

    @Override
    public StopVerdict stop(SessionRef session) {
        return sessions.stop(session);
    }

    @Override
    public SessionClosed closeSession(SessionRef session, String reason) {
        return sessions.closeSession(session, reason);
    }
}
