package dev.huddle.it;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock requests of a run as the event log tells them, in the store's commit order (global
 * sequence numbers): a request that had to wait arrived at its {@code lease.wait} and ended at its
 * grant or {@code lease.give_up}; one granted at once arrived and ended at its grant. An
 * <em>overtake</em> is a request granted while another request for the same path that arrived
 * before it was still waiting (DESIGN §4.4 forbids it).
 */
record LockLine(List<Request> requests) {

    /** One request: who, for what, and when (sequence numbers) it arrived and ended. */
    record Request(String agent, String path, long arrived, long ended, boolean waited, boolean granted) {

        @Override
        public String toString() {
            return agent + " " + path + " [arrived #" + arrived + (waited ? ", waited" : "") + ", "
                    + (granted ? "granted" : "gave up") + " #" + ended + "]";
        }
    }

    static LockLine of(List<Map<String, Object>> events) {
        List<Map<String, Object>> inCommitOrder = new ArrayList<>(events);
        inCommitOrder.sort(Comparator.comparingLong(e -> ((Number) e.get("seq")).longValue()));
        Map<String, Long> waiting = new HashMap<>();
        List<Request> requests = new ArrayList<>();
        for (Map<String, Object> e : inCommitOrder) {
            long seq = ((Number) e.get("seq")).longValue();
            String agent = (String) e.get("agent");
            String path = (String) e.get("path");
            String key = agent + "\n" + path;
            switch ((String) e.get("kind")) {
                case "lease.wait" -> waiting.put(key, seq);
                case "lease.grant" -> {
                    Long arrived = waiting.remove(key);
                    requests.add(new Request(agent, path, arrived == null ? seq : arrived, seq, arrived != null, true));
                }
                case "lease.give_up" -> {
                    Long arrived = waiting.remove(key);
                    requests.add(new Request(agent, path, arrived == null ? seq : arrived, seq, true, false));
                }
                default -> {
                    // releases do not change the order of the line
                }
            }
        }
        return new LockLine(List.copyOf(requests));
    }

    /** Every overtake, described: a later arrival granted while an earlier one for the same path still waited. */
    List<String> overtakes() {
        List<String> found = new ArrayList<>();
        for (Request earlier : requests) {
            for (Request later : requests) {
                if (later.granted() && earlier.path().equals(later.path()) && earlier.arrived() < later.arrived()
                        && later.ended() < earlier.ended()) {
                    found.add(later + " overtook " + earlier);
                }
            }
        }
        return found;
    }

    List<Request> of(String agent) {
        return requests.stream().filter(r -> r.agent().equals(agent)).toList();
    }
}
