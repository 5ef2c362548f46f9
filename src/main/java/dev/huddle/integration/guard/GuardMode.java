package dev.huddle.integration.guard;

import java.util.Locale;

/** What the guard does with a path another agent holds, from {@code HUDDLE_GUARD}: refuse (default), warn, or nothing. */
public enum GuardMode {
    DENY, WARN, OFF;

    /** The mode {@code HUDDLE_GUARD} names; unset, empty, {@code deny} or {@code on}: DENY. Anything else unknown is null. */
    public static GuardMode of(String value) {
        if (value == null || value.isBlank()) {
            return DENY;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "deny", "on", "1", "refuse" -> DENY;
            case "warn" -> WARN;
            case "off", "0" -> OFF;
            default -> null;
        };
    }
}
