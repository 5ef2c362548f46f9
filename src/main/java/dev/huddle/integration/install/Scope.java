package dev.huddle.integration.install;

import dev.huddle.core.HuddleException;
import java.util.Locale;

/** Where an installation goes: the repository's own settings, or the user's, for every repository. */
public enum Scope {
    PROJECT, USER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws HuddleException invalid input unless {@code project} or {@code user} */
    public static Scope parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "project" -> PROJECT;
            case "user" -> USER;
            default -> throw HuddleException.invalid("--scope takes project or user, not '" + text + "'");
        };
    }
}
