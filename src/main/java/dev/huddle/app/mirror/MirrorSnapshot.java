package dev.huddle.app.mirror;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Presence;
import dev.huddle.core.agent.PresencePolicy;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.message.Message;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the Markdown mirror shows, read in one transaction so the pages agree with each other. */
record MirrorSnapshot(
        Instant now,
        List<Agent> agents,
        Map<AgentId, Presence> presence,
        List<Task> tasks,
        List<Dependency> dependencies,
        Map<TaskId, List<Remark>> remarks,
        Map<String, List<Event>> eventsByTask,
        List<Lease> leases,
        List<Decision> decisions,
        List<Message> messages) {

    private static final int PAGE = 5_000;

    static MirrorSnapshot take(Tx tx, PresencePolicy policy, Instant now) {
        List<Agent> agents = tx.agents().all();
        Map<AgentId, Presence> presence = new HashMap<>();
        agents.forEach(a -> presence.put(a.id(), a.presence(policy, now)));
        List<Task> tasks = tx.tasks().list(TaskFilter.all(Integer.MAX_VALUE));
        Map<TaskId, List<Remark>> remarks = new HashMap<>();
        tasks.forEach(t -> remarks.put(t.id(), tx.tasks().remarks(t.id())));
        return new MirrorSnapshot(now, agents, presence, tasks, tx.dependencies().all(), remarks, taskEvents(tx),
                tx.leases().unexpired(now), tx.decisions().list(Optional.empty(), Integer.MAX_VALUE), messages(tx));
    }

    /** Events that name a task, grouped by the task as written, in log order. */
    private static Map<String, List<Event>> taskEvents(Tx tx) {
        Map<String, List<Event>> byTask = new HashMap<>();
        long after = 0;
        for (List<Event> page = tx.events().query(EventFilter.after(after, PAGE)); !page.isEmpty();
                page = tx.events().query(EventFilter.after(after, PAGE))) {
            for (Event e : page) {
                e.task().ifPresent(t -> byTask.computeIfAbsent(t.toUpperCase(java.util.Locale.ROOT),
                        k -> new ArrayList<>()).add(e));
            }
            after = page.getLast().seq();
        }
        return byTask;
    }

    private static List<Message> messages(Tx tx) {
        List<Message> all = new ArrayList<>();
        for (List<Message> page = tx.messages().after(0, PAGE); !page.isEmpty();
                page = tx.messages().after(page.getLast().id(), PAGE)) {
            all.addAll(page);
        }
        return all;
    }

    Presence presenceOf(AgentId agent) {
        return presence.getOrDefault(agent, Presence.OFFLINE);
    }
}
