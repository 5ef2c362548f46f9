package dev.huddle.testing;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.ResourceOverlap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole event log, read in sequence (commit) order, against DESIGN §4.2: each agent's
 * times strictly increase, and every event is stamped later than the event that created or last
 * changed each thing it acted on. What an event acted on is defined here from its own fields,
 * independently of the code under test:
 *
 * <ul>
 *   <li>{@code task.*} on task T: T (changed by every {@code task.*} event on T); a create also its
 *       {@code blocked_by} and {@code parent}, a dependency change also its {@code blocker}, a claim
 *       and a done also T's blockers at that moment (replayed from creations and dependency events);
 *   <li>an event with a path (leases, file edits): every earlier event on an intersecting path;
 *   <li>{@code message.read}, {@code message.deliver}, {@code session.stop_block} ({@code ids}),
 *       {@code message.ack} ({@code id}): the sending of those messages; {@code message.send}: the
 *       message it replies to and the latest registration of each recipient it names by id;
 *   <li>{@code summary.*}: the latest summary event; {@code decision.record} on task T: T.
 * </ul>
 */
public final class CausalLog {

    private final List<String> violations = new ArrayList<>();
    private final Map<AgentId, Long> lastOfAgent = new HashMap<>();
    private final Map<String, Long> taskChanged = new HashMap<>();
    private final Map<String, Set<String>> blockers = new HashMap<>();
    private final Map<String, Long> pathChanged = new HashMap<>();
    private final Map<String, Resource> resources = new HashMap<>();
    private final Map<Long, Long> sent = new HashMap<>();
    private final Map<String, Long> registered = new HashMap<>();
    private long summaryChanged = -1;
    private long lastSeq;

    /** Every violation found in {@code bySeq}, one line each; empty when the log is causal. */
    public static List<String> violations(List<Event> bySeq) {
        CausalLog check = new CausalLog();
        bySeq.forEach(check::add);
        return check.violations;
    }

    private void add(Event e) {
        if (e.seq() <= lastSeq) {
            violations.add("#" + e.seq() + " follows #" + lastSeq + ": not in sequence order");
        }
        lastSeq = e.seq();
        if (e.agent().isPresent()) {
            check(e);
        }
        remember(e);
    }

    private void check(Event e) {
        AgentId agent = e.agent().orElseThrow();
        Long previous = lastOfAgent.put(agent, e.stamp().value());
        if (previous != null && previous >= e.stamp().value()) {
            fail(e, "its agent's previous event is at t" + previous);
        }
        String kind = e.kind();
        if (kind.startsWith("task.")) {
            String task = e.task().orElseThrow();
            after(e, taskChanged.get(task), "the last change of " + task);
            texts(e.data().get("blocked_by")).forEach(b -> after(e, taskChanged.get(b), "the last change of blocker " + b));
            texts(e.data().get("parent")).forEach(p -> after(e, taskChanged.get(p), "the last change of parent " + p));
            texts(e.data().get("blocker")).forEach(b -> after(e, taskChanged.get(b), "the last change of blocker " + b));
            if (kind.equals("task.claim") || kind.equals("task.done")) {
                blockers.getOrDefault(task, Set.of())
                        .forEach(b -> after(e, taskChanged.get(b), "the last change of its blocker " + b));
            }
        }
        if (e.path().isPresent()) {
            Resource here = resource(e.path().get());
            pathChanged.forEach((text, at) -> {
                if (ResourceOverlap.intersects(here, resources.get(text))) {
                    after(e, at, "the last event on " + text);
                }
            });
        }
        if (kind.equals("message.read") || kind.equals("message.deliver") || kind.equals("session.stop_block")) {
            numbers(e.data().get("ids")).forEach(id -> after(e, sent.get(id), "the sending of message " + id));
        }
        if (kind.equals("message.ack")) {
            numbers(e.data().get("id")).forEach(id -> after(e, sent.get(id), "the sending of message " + id));
        }
        if (kind.equals("message.send")) {
            numbers(e.data().get("reply_to")).forEach(id -> after(e, sent.get(id), "the sending of message " + id));
            texts(e.data().get("to")).stream().filter(t -> !t.startsWith("@") && !t.equals("all"))
                    .forEach(to -> after(e, registered.get(to), "the registration of " + to));
        }
        if (kind.startsWith("summary.")) {
            after(e, summaryChanged < 0 ? null : summaryChanged, "the last summary event");
        }
        if (kind.equals("decision.record") && e.task().isPresent()) {
            after(e, taskChanged.get(e.task().get()), "the last change of " + e.task().get());
        }
    }

    private void remember(Event e) {
        long at = e.stamp().value();
        String kind = e.kind();
        if (kind.startsWith("task.")) {
            String task = e.task().orElseThrow();
            taskChanged.merge(task, at, Math::max);
            if (kind.equals("task.create")) {
                blockers.put(task, new LinkedHashSet<>(texts(e.data().get("blocked_by"))));
            } else if (kind.equals("task.dep_add")) {
                blockers.computeIfAbsent(task, t -> new LinkedHashSet<>()).addAll(texts(e.data().get("blocker")));
            } else if (kind.equals("task.dep_remove")) {
                blockers.getOrDefault(task, new HashSet<>()).removeAll(texts(e.data().get("blocker")));
            }
        }
        if (e.path().isPresent()) {
            resources.computeIfAbsent(e.path().get(), CausalLog::resource);
            pathChanged.merge(e.path().get(), at, Math::max);
        }
        if (kind.equals("message.send")) {
            numbers(e.data().get("id")).forEach(id -> sent.put(id, at));
        }
        if (kind.equals("agent.register")) {
            registered.merge(e.agent().orElseThrow().value(), at, Math::max);
        }
        if (kind.startsWith("summary.")) {
            summaryChanged = Math.max(summaryChanged, at);
        }
    }

    private void after(Event e, Long cause, String what) {
        if (cause != null && e.stamp().value() <= cause) {
            fail(e, what + " is at t" + cause);
        }
    }

    private void fail(Event e, String why) {
        violations.add("#" + e.seq() + " t" + e.stamp() + " " + e.agent().map(AgentId::value).orElse("-") + " "
                + e.kind() + e.task().map(t -> " " + t).orElse("") + e.path().map(p -> " " + p).orElse("")
                + ": not after " + why);
    }

    private static Resource resource(String text) {
        return Resource.fromText(text);
    }

    private static List<String> texts(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    private static List<Long> numbers(Object value) {
        if (value == null) {
            return List.of();
        }
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        return list.stream().map(v -> ((Number) v).longValue()).toList();
    }
}
