package dev.huddle.core.lease;

import java.util.Locale;

/** Exclusive leases conflict with every other holder's lease on an intersecting resource; shared ones only with exclusive ones. */
public enum LeaseMode {
    EXCLUSIVE, SHARED;

    public boolean compatibleWith(LeaseMode other) {
        return this == SHARED && other == SHARED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeaseMode parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
