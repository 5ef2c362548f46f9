package dev.huddle.core.task;

import java.util.List;
import java.util.Optional;

/**
 * The queues a ready list or a claim-next looks at: one queue when {@code only} is given, else
 * every queue except {@code excluded} (queues handled by a role the caller does not have).
 */
public record TaskScope(Optional<String> only, List<String> excluded) {

    public static final TaskScope EVERY_QUEUE = new TaskScope(Optional.empty(), List.of());

    public TaskScope {
        excluded = List.copyOf(excluded);
    }

    public boolean includes(String queue) {
        return only.map(queue::equals).orElse(!excluded.contains(queue));
    }
}
