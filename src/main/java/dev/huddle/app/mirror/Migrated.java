package dev.huddle.app.mirror;

import java.util.Map;

/**
 * What {@code huddle migrate} copied, or would copy on a dry run: rows per table (bearer tokens
 * included), from one store's location to the other's, both shown without a password.
 */
public record Migrated(String from, String to, Map<String, Long> rows, boolean dryRun) {

    public Migrated {
        rows = Map.copyOf(rows);
    }
}
