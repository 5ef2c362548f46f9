package dev.huddle.core.task;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A queue of the board (DESIGN §4.6, §9): its name, the role that handles it (none: anyone),
 * its SLA (a new task is due that long after creation) and the prefix of its task ids. The
 * default queue exists without configuration: {@code default}, prefix {@code T}, no handler, no SLA.
 */
public record Queue(String name, Optional<Role> handler, Optional<Duration> sla, String idPrefix) {

    // Before DEFAULT: static fields initialise in order, and DEFAULT's constructor uses it.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public static final String DEFAULT_NAME = "default";
    public static final Queue DEFAULT = new Queue(DEFAULT_NAME, Optional.empty(), Optional.empty(), "T");

    public Queue {
        if (name == null || !NAME.matcher(name).matches()) {
            throw HuddleException.invalid("invalid queue name '" + name
                    + "': use 1-64 characters a-z, 0-9, '_' or '-', starting with a letter or digit");
        }
        if (!TaskId.validPrefix(idPrefix)) {
            throw HuddleException.invalid("invalid id prefix '" + idPrefix + "' for queue " + name
                    + ": use 1-10 upper-case letters or digits, starting with a letter");
        }
        if (sla.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
            throw HuddleException.invalid("the SLA of queue " + name + " must be positive");
        }
    }

    /** A queue name as a user typed it: case-folded, then validated. */
    public static String name(String text) {
        String folded = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(folded).matches()) {
            throw HuddleException.invalid("invalid queue name '" + (text == null ? "" : text.replaceAll("\\p{Cntrl}", "?"))
                    + "': use 1-64 characters a-z, 0-9, '_' or '-'");
        }
        return folded;
    }

    /**
     * The id prefix a queue gets when huddle.toml names none (DESIGN §9): the upper-case first
     * letters of the name's words, split at '-' and '_' ({@code reviews} → {@code R},
     * {@code bug-triage} → {@code BT}). Empty when that is not a valid prefix (a name starting
     * with a digit), so the caller can ask for an explicit id_prefix.
     */
    public static Optional<String> defaultPrefix(String name) {
        String initials = Arrays.stream(name.split("[-_]+"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining());
        return TaskId.validPrefix(initials) ? Optional.of(initials) : Optional.empty();
    }

    /** Whether an agent with {@code roles} takes work from this queue by default (claim-next). */
    public boolean handledBy(Collection<Role> roles) {
        return handler.isEmpty() || roles.contains(handler.get());
    }

    /** When a task created at {@code created} is due, if the queue has an SLA. */
    public Optional<Instant> dueAt(Instant created) {
        return sla.map(created::plus);
    }
}
