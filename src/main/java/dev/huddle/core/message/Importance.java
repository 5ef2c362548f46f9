package dev.huddle.core.message;

import dev.huddle.core.HuddleException;
import java.util.Locale;

/** How urgently a message wants attention. */
public enum Importance {
    LOW, NORMAL, HIGH, URGENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Importance parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HuddleException.invalid("unknown importance '" + text + "': use low, normal, high or urgent");
        }
    }
}
