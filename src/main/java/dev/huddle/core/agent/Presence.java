package dev.huddle.core.agent;

import java.util.Locale;

/**
 * How recently an agent did anything (DESIGN §4.1). Offline agents hold nothing: their leases
 * are void and their claims reclaimable.
 */
public enum Presence {
    ACTIVE, IDLE, STALE, OFFLINE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
