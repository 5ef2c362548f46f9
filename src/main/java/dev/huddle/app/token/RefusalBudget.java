package dev.huddle.app.token;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * How many refused tokens get an audit event: at most {@link #PER_MINUTE} in each minute (a window
 * starting at the first refusal after the previous one closed). The rest are counted, and the
 * next event written carries that count, so a flood of bad tokens costs at most ten events a
 * minute (about 14,400 a day) instead of one per request. Kept in memory: the server is one
 * long-running process; a count not yet written when it stops is lost.
 */
final class RefusalBudget {

    static final int PER_MINUTE = 10;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private Instant windowStart = Instant.MIN;
    private int written;
    private long suppressed;

    /**
     * Whether a refusal at {@code now} may be written; if so, the number of refusals left out
     * since the last one written (which the event then reports).
     */
    synchronized OptionalLong admit(Instant now) {
        if (windowStart.equals(Instant.MIN) || !now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            written = 0;
        }
        if (written >= PER_MINUTE) {
            suppressed++;
            return OptionalLong.empty();
        }
        written++;
        long before = suppressed;
        suppressed = 0;
        return OptionalLong.of(before);
    }
}
