package dev.huddle.store;

import dev.huddle.core.lease.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The leases a write will read, named before it runs ({@link ActingWork}): those near some paths
 * ({@link LeaseRows#surroundings}, a lock's decision) or on some resources ({@link LeaseRows#unexpiredOn},
 * an unlock's), asked at an instant no earlier than {@code from}. A store whose reads are round trips
 * reads them ahead with a batch's first statement, and answers the work from that read while no
 * write of the batch before it can have changed the answer; otherwise the work reads as before.
 */
public record LeaseReads(Instant from, Optional<List<String>> near, List<Resource> on) {

    /** A write that names no lease read. */
    public static final LeaseReads NONE = new LeaseReads(Instant.MAX, Optional.empty(), List.of());

    public LeaseReads {
        near = near.map(List::copyOf);
        on = List.copyOf(on);
    }

    /** The leases near {@code texts} ({@link LeaseRows#surroundings} with them), at {@code from} or later. */
    public static LeaseReads near(Instant from, List<String> texts) {
        return new LeaseReads(from, Optional.of(texts), List.of());
    }

    /** The leases on {@code resources} ({@link LeaseRows#unexpiredOn}), at {@code from} or later. */
    public static LeaseReads on(Instant from, List<Resource> resources) {
        return new LeaseReads(from, Optional.empty(), resources);
    }

    /** Whether it names any read. */
    public boolean any() {
        return near.filter(t -> !t.isEmpty()).isPresent() || !on.isEmpty();
    }
}
