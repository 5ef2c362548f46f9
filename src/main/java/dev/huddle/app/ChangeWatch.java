package dev.huddle.app;

import java.time.Duration;
import java.time.Instant;

/**
 * How a waiting use case learns that another process wrote to the store without reading it: it
 * looks at the store's change counter ({@link dev.huddle.store.Store#changes}), which costs no
 * transaction. The pause between two looks is an eighth of the time the store has been quiet,
 * within the caller's bounds: a change that follows another closely (a release right after a
 * grant) is seen within milliseconds, and a long quiet wait costs a few looks a second.
 */
public final class ChangeWatch {

    /** The shortest sensible pause between two looks: a look costs microseconds, a hand-over milliseconds. */
    public static final Duration SHORTEST_LOOK = Duration.ofMillis(2);

    private final Context ctx;
    private long seen;
    private Instant lastChange;

    public ChangeWatch(Context ctx) {
        this.ctx = ctx;
        this.seen = ctx.store().changes();
        this.lastChange = ctx.now();
    }

    /**
     * Pauses until another process changed the store (true) or {@code until} came (false),
     * looking at the counter every {@code shortestLook} to {@code longestLook}. Returns at once
     * when the thread is interrupted.
     */
    public boolean await(Instant until, Duration shortestLook, Duration longestLook) {
        while (!Thread.currentThread().isInterrupted()) {
            Instant now = ctx.now();
            Duration left = Duration.between(now, until);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            Duration look = Duration.between(lastChange, now).dividedBy(8);
            look = look.compareTo(shortestLook) < 0 ? shortestLook : look.compareTo(longestLook) > 0 ? longestLook : look;
            ctx.pacer().pause(look.compareTo(left) < 0 ? look : left);
            long version = ctx.store().changes();
            if (version != seen) {
                seen = version;
                lastChange = ctx.now();
                return true;
            }
        }
        return false;
    }
}
