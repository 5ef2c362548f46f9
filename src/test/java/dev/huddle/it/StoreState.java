package dev.huddle.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a command could have written, as the read-only commands show it: the event log, the
 * agents (with clocks and last-seen times), every lease ever taken, and every message to
 * {@code reader}. Fields derived from the wall clock ({@code presence}, {@code seconds_left}) are
 * left out, so two snapshots of an untouched store are equal.
 */
record StoreState(
        List<Map<String, Object>> events,
        List<Map<String, Object>> agents,
        List<Map<String, Object>> leases,
        List<Map<String, Object>> inbox) {

    private static final Set<String> CLOCK_DERIVED = Set.of("presence", "seconds_left", "holder_presence");

    static StoreState of(HuddleProcess huddle, String reader) {
        return new StoreState(
                read(huddle, "events", "log", "--json", "--limit", "100000"),
                read(huddle, "agents", "agents", "--all", "--json"),
                read(huddle, "leases", "locks", "--all", "--json"),
                read(huddle.as(reader), "messages", "inbox", "--all", "--json"));
    }

    private static List<Map<String, Object>> read(HuddleProcess huddle, String key, String... args) {
        HuddleProcess.Result result = huddle.run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("cannot read the store with 'huddle " + String.join(" ", args) + "': " + result);
        }
        return result.jsonList(key).stream().map(StoreState::withoutClockDerived).toList();
    }

    private static Map<String, Object> withoutClockDerived(Map<String, Object> row) {
        Map<String, Object> kept = new HashMap<>(row);
        kept.keySet().removeAll(CLOCK_DERIVED);
        return kept;
    }
}
