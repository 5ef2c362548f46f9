package dev.huddle.core.message;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * A recipient as written by a sender: an agent id, {@code @role}, or {@code all} (every other
 * registered agent at send time). Case-insensitive (DESIGN §9).
 */
public sealed interface Address {

    record ToAgent(AgentId agent) implements Address {
        @Override
        public String text() {
            return agent.value();
        }
    }

    record ToRole(Role role) implements Address {
        @Override
        public String text() {
            return "@" + role.value();
        }
    }

    record ToEveryone() implements Address {
        @Override
        public String text() {
            return "all";
        }
    }

    String text();

    static Address parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw HuddleException.invalid("empty recipient: name agents, @roles or 'all', separated by commas");
        }
        if (t.equals("all")) {
            return new ToEveryone();
        }
        return t.startsWith("@") ? new ToRole(Role.of(t)) : new ToAgent(AgentId.of(t));
    }

    /** Parses {@code "bob, @reviewer,ALL"}; duplicates are dropped, order kept. */
    static List<Address> parseList(String csv) {
        LinkedHashSet<Address> seen = new LinkedHashSet<>();
        for (String part : csv.split(",", -1)) {
            seen.add(parse(part));
        }
        return new ArrayList<>(seen);
    }
}
