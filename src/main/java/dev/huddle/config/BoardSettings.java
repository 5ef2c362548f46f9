package dev.huddle.config;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Role;
import dev.huddle.core.task.Queue;
import dev.huddle.core.task.Queues;
import dev.huddle.core.task.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The work board's part of huddle.toml: {@code [queues.NAME]} tables and {@code [summary] order}. */
final class BoardSettings {

    private final SettingsFile file;
    private final Map<String, Map<String, Object>> tables;

    BoardSettings(SettingsFile file, Map<String, Map<String, Object>> tables) {
        this.file = file;
        this.tables = tables;
    }

    Queues queues() {
        List<Queue> queues = new ArrayList<>();
        for (String table : tables.keySet()) {
            if (table.startsWith("queues.")) {
                queues.add(queue(table));
                try {
                    new Queues(queues);
                } catch (HuddleException e) {
                    throw file.failure(table, null, e.getMessage());
                }
            }
        }
        return new Queues(queues);
    }

    private Queue queue(String table) {
        String name = table.substring("queues.".length());
        Optional<Role> handler = Optional.of(file.text(table, "handler", "")).filter(h -> !h.isEmpty()).map(h -> {
            try {
                return Role.of(h);
            } catch (HuddleException e) {
                throw file.bad(table, "handler", "is not a role: " + e.getMessage());
            }
        });
        long sla = file.integer(table, "sla_minutes", 0, 1, 365L * 24 * 60);
        String prefix = file.text(table, "id_prefix", "");
        if (prefix.isEmpty()) {
            prefix = Queue.defaultPrefix(name).orElseThrow(() -> file.failure(table, null, "[" + table
                    + "] needs an id_prefix: its name does not start with a letter"));
        }
        if (!TaskId.validPrefix(prefix)) {
            throw file.bad(table, "id_prefix", "must be 1-10 upper-case letters or digits, starting with a letter (got '"
                    + prefix + "')");
        }
        try {
            return new Queue(name, handler, sla == 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(sla)), prefix);
        } catch (HuddleException e) {
            throw file.failure(table, null, "[" + table + "] " + e.getMessage());
        }
    }

    List<AgentId> summaryOrder() {
        Object order = tables.getOrDefault("summary", Map.of()).get("order");
        if (order == null) {
            return List.of();
        }
        if (!(order instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw file.bad("summary", "order", "must be a list of agent ids, e.g. [\"alice\", \"bob\"]");
        }
        try {
            return list.stream().map(o -> AgentId.of((String) o)).distinct().toList();
        } catch (HuddleException e) {
            throw file.bad("summary", "order", "holds an invalid agent id: " + e.getMessage());
        }
    }
}
