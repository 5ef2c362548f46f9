package dev.huddle.core;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.PresencePolicy;
import dev.huddle.core.task.Queues;
import java.time.Duration;
import java.util.List;

/**
 * The team's configuration (huddle.toml, DESIGN §9), validated once at start. Every value has a
 * default, so Huddle works without the file: no queue but the default one, summary rounds
 * ordered by the active agents when {@code summaryOrder} is empty, and an agent whose session
 * ends keeps its leases ({@code releaseOnSessionEnd} false) until it goes offline.
 */
public record Settings(
        PresencePolicy presence,
        Duration defaultLeaseTtl,
        Duration maxLeaseTtl,
        int maxMessageBytes,
        HookErrorPolicy onHookError,
        Queues queues,
        List<AgentId> summaryOrder,
        boolean releaseOnSessionEnd) {

    /** What a hook does when it cannot check an edit (corrupt store, bug): refuse it, or let it pass loudly. */
    public enum HookErrorPolicy { DENY, ALLOW_WITH_WARNING }

    public static final Settings DEFAULTS = new Settings(PresencePolicy.DEFAULT, Duration.ofMinutes(30),
            Duration.ofMinutes(480), 64 * 1024, HookErrorPolicy.DENY, Queues.DEFAULT, List.of(), false);

    public Settings {
        if (defaultLeaseTtl.isZero() || defaultLeaseTtl.isNegative() || maxLeaseTtl.compareTo(defaultLeaseTtl) < 0) {
            throw HuddleException.invalid("[leases] default_ttl_minutes must be positive and at most max_ttl_minutes");
        }
        if (maxMessageBytes <= 0) {
            throw HuddleException.invalid("[messages] max_body_kib must be positive");
        }
        summaryOrder = List.copyOf(summaryOrder);
    }

    /** These settings with other queues (tests and tools that build settings in code). */
    public Settings withQueues(Queues other) {
        return new Settings(presence, defaultLeaseTtl, maxLeaseTtl, maxMessageBytes, onHookError, other, summaryOrder,
                releaseOnSessionEnd);
    }

    /** These settings with another hook policy (tests and tools that build settings in code). */
    public Settings withHooks(HookErrorPolicy onError, boolean releaseAtSessionEnd) {
        return new Settings(presence, defaultLeaseTtl, maxLeaseTtl, maxMessageBytes, onError, queues, summaryOrder,
                releaseAtSessionEnd);
    }
}
