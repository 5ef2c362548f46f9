package dev.huddle.app.session;

import dev.huddle.app.overview.Briefing;
import dev.huddle.app.task.ReadyList;
import dev.huddle.core.task.Task;
import java.util.List;

/**
 * A session's start: the agent acting in it (registered just now when {@code registered}), the
 * briefing (its unread messages are marked delivered by the start, since they are pushed into the
 * agent's context with it), the tasks it holds and the work that is ready.
 */
public record SessionOpened(Briefing briefing, boolean registered, List<Task> claims, ReadyList ready) {

    public SessionOpened {
        claims = List.copyOf(claims);
    }
}
