package dev.huddle.core.event;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.ResourceOverlap;
import dev.huddle.core.task.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A piece of shared state an action acts on or depends on, named by the events that change it.
 * The log is causal when every event is stamped later than the last change of each subject its
 * action read (DESIGN §4.2): a claim after the task's creation, a grant after the release that
 * freed the file, a summary turn after the previous turn.
 *
 * <p>Each subject answers one question, {@link #changedBy}: whether an event of the log changed
 * it. The answers follow the event's own fields, so the log alone says what happened to what.
 */
public sealed interface Subject {

    /** Whether {@code event} created or changed this subject. */
    boolean changedBy(Event event);

    /** A task: changed by the task events recorded on it ({@code task.*} with its id). */
    static Subject task(TaskId id) {
        return new Task(id.text());
    }

    static List<Subject> tasks(Collection<TaskId> ids) {
        List<Subject> all = new ArrayList<>(ids.size());
        for (TaskId id : ids) {
            all.add(task(id));
        }
        return all;
    }

    /** Files and names under lease: changed by every event on a path that intersects one of them. */
    static Subject resources(List<Resource> resources) {
        return new Resources(List.copyOf(resources));
    }

    /** The summary rounds: one is open at a time, so the latest summary event is their last change. */
    static Subject summary() {
        return new Summary();
    }

    /** An agent as others address it (id, roles): changed by its registrations. */
    static Subject registration(AgentId agent) {
        return new AgentState(agent, false);
    }

    /** An agent's pointstamp and participation in the frontier: registration, heartbeats, leaving. */
    static Subject pointstamp(AgentId agent) {
        return new AgentState(agent, true);
    }

    record Task(String id) implements Subject {
        @Override
        public boolean changedBy(Event e) {
            return e.kind().startsWith("task.") && e.task().isPresent() && e.task().get().equals(id);
        }
    }

    record Resources(List<Resource> resources) implements Subject {
        @Override
        public boolean changedBy(Event e) {
            if (e.path().isEmpty()) {
                return false;
            }
            Resource touched;
            try {
                touched = Resource.fromText(e.path().get());
            } catch (HuddleException unreadable) {
                return true; // a path this version cannot read: assume the worst, a later stamp is harmless
            }
            for (Resource r : resources) {
                if (ResourceOverlap.intersects(r, touched)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Summary() implements Subject {
        @Override
        public boolean changedBy(Event e) {
            return e.kind().startsWith("summary.");
        }
    }

    record AgentState(AgentId agent, boolean pointstamp) implements Subject {
        @Override
        public boolean changedBy(Event e) {
            if (e.agent().isEmpty() || !e.agent().get().equals(agent)) {
                return false;
            }
            String kind = e.kind();
            return kind.equals(EventKind.REGISTER)
                    || pointstamp && (kind.equals(EventKind.HEARTBEAT) || kind.equals(EventKind.LEAVE));
        }
    }
}
