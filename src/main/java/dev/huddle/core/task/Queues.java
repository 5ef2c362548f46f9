package dev.huddle.core.task;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The board's queues: the configured ones plus the default queue (unless configured itself).
 * Names and id prefixes are unique, so every task id names exactly one queue's counter.
 */
public record Queues(List<Queue> all) {

    public static final Queues DEFAULT = new Queues(List.of());

    public Queues {
        List<Queue> withDefault = new ArrayList<>(all);
        if (withDefault.stream().noneMatch(q -> q.name().equals(Queue.DEFAULT_NAME))) {
            withDefault.addFirst(Queue.DEFAULT);
        }
        Map<String, String> prefixes = new HashMap<>();
        Map<String, Queue> names = new HashMap<>();
        for (Queue q : withDefault) {
            if (names.putIfAbsent(q.name(), q) != null) {
                throw HuddleException.invalid("queue '" + q.name() + "' is defined twice");
            }
            String other = prefixes.putIfAbsent(q.idPrefix(), q.name());
            if (other != null) {
                throw HuddleException.invalid("queues '" + other + "' and '" + q.name() + "' both use the id prefix "
                        + q.idPrefix() + ": set a distinct id_prefix in [queues." + q.name() + "]");
            }
        }
        all = List.copyOf(withDefault);
    }

    public Optional<Queue> find(String name) {
        return all.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    /** The named queue; an unknown name fails (exit 1) listing the known ones. */
    public Queue require(String name) {
        return find(name).orElseThrow(() -> HuddleException.failed("unknown queue '" + name + "': the queues are "
                + String.join(", ", names()) + " (configure more as [queues.NAME] in huddle.toml)"));
    }

    public List<String> names() {
        return all.stream().map(Queue::name).toList();
    }

    /** Configured queues whose handler role an agent with {@code roles} does not have (claim-next skips them). */
    public List<String> handledByOthers(Collection<Role> roles) {
        return all.stream().filter(q -> !q.handledBy(roles)).map(Queue::name).toList();
    }
}
