package dev.huddle.core.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one way Huddle writes a point in time, in JSON and in text alike: ISO-8601 UTC with exactly
 * three fraction digits ({@code 2026-05-01T12:00:03.120Z}). The store keeps milliseconds, so a
 * time printed before it was stored (a lease just granted) and after (the same lease listed)
 * reads the same; a fixed width also sorts as text.
 */
public final class TimeText {

    private TimeText() {}

    public static String format(Instant t) {
        // Instant.toString writes the fraction in groups of three digits and leaves it out when zero.
        String s = t.truncatedTo(ChronoUnit.MILLIS).toString();
        return s.indexOf('.') < 0 ? s.substring(0, s.length() - 1) + ".000Z" : s;
    }
}
