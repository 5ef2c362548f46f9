package dev.huddle.it;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each lease's life as the event log tells it: from its {@code lease.grant} to its
 * {@code lease.release}, in global sequence numbers (the store's commit order), keyed by fencing
 * token. Built from {@code huddle log --json --kind lease}.
 */
record LeaseHistory(List<Interval> intervals, List<String> anomalies) {

    /** One lease from grant to release; {@code released} is {@link Long#MAX_VALUE} while open. */
    record Interval(long token, String resource, String holder, long granted, long released) {

        boolean overlaps(Interval other) {
            return granted < other.released && other.granted < released;
        }

        @Override
        public String toString() {
            return "token " + token + " " + resource + " by " + holder + " [#" + granted + ", #" + released + "]";
        }
    }

    static LeaseHistory of(List<Map<String, Object>> events) {
        Map<Long, Interval> byToken = new LinkedHashMap<>();
        List<String> anomalies = new ArrayList<>();
        List<Map<String, Object>> inCommitOrder = new ArrayList<>(events);
        inCommitOrder.sort(Comparator.comparingLong(event -> number(event, "seq")));
        for (Map<String, Object> event : inCommitOrder) {
            String kind = (String) event.get("kind");
            if (kind.equals("lease.wait") || kind.equals("lease.give_up")) {
                continue; // a wait's start and end: the order of the line, which LockLine reads
            }
            long seq = number(event, "seq");
            long token = number(data(event), "token");
            Interval known = byToken.get(token);
            switch (kind) {
                case "lease.grant" -> {
                    if (known != null) {
                        anomalies.add("token " + token + " granted twice (#" + known.granted() + ", #" + seq + ")");
                    }
                    byToken.put(token, new Interval(token, (String) event.get("path"), (String) event.get("agent"), seq,
                            Long.MAX_VALUE));
                }
                case "lease.release" -> {
                    if (known == null || known.released() != Long.MAX_VALUE) {
                        anomalies.add("token " + token + " released at #" + seq + " but not live: " + known);
                    } else {
                        byToken.put(token, new Interval(token, known.resource(), known.holder(), known.granted(), seq));
                    }
                }
                default -> anomalies.add("unexpected event in a lock/unlock run: " + event);
            }
        }
        return new LeaseHistory(List.copyOf(byToken.values()), anomalies);
    }

    /** Every pair of leases whose grant intervals overlap, described. */
    List<String> overlappingPairs() {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            for (int j = i + 1; j < intervals.size(); j++) {
                if (intervals.get(i).overlaps(intervals.get(j))) {
                    pairs.add(intervals.get(i) + " overlaps " + intervals.get(j));
                }
            }
        }
        return pairs;
    }

    List<Interval> open() {
        return intervals.stream().filter(interval -> interval.released() == Long.MAX_VALUE).toList();
    }

    /** Fencing tokens in grant order; they must be strictly increasing. */
    List<Long> tokensInGrantOrder() {
        return intervals.stream()
                .sorted(Comparator.comparingLong(Interval::granted))
                .map(Interval::token)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    private static long number(Map<String, Object> object, String key) {
        return ((Number) object.get(key)).longValue();
    }
}
