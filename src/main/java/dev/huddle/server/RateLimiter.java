package dev.huddle.server;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key token buckets (DESIGN §8: per-token rate limits): each key may spend {@code burst}
 * requests at once and regains {@code perSecond} of them every second. Time comes from the
 * injected clock, so tests move it by hand. Buckets that have refilled completely carry no
 * information and are dropped when the table grows past {@code maxKeys}.
 */
public final class RateLimiter {

    /** The answer for one request: admitted, or refused with the wait until the next token. */
    public record Verdict(boolean admitted, Duration retryAfter) {
        static final Verdict ADMITTED = new Verdict(true, Duration.ZERO);
    }

    private static final class Bucket {
        double tokens;
        Instant updated;

        Bucket(double tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    private final double perSecond;
    private final double burst;
    private final InstantSource clock;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, InstantSource clock, int maxKeys) {
        if (!(perSecond > 0) || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("a rate limit needs perSecond > 0, burst >= 1 and maxKeys >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    /** Takes one request from {@code key}'s bucket if it has one. */
    public Verdict acquire(String key) {
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        Verdict verdict;
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                verdict = Verdict.ADMITTED;
            } else {
                long nanos = (long) Math.ceil((1 - bucket.tokens) / perSecond * 1e9);
                verdict = new Verdict(false, Duration.ofNanos(Math.max(nanos, 1)));
            }
        }
        if (buckets.size() > maxKeys) {
            dropFull(now);
        }
        return verdict;
    }

    /** How many keys are tracked (tests check the table stays bounded). */
    int size() {
        return buckets.size();
    }

    private void refill(Bucket bucket, Instant now) {
        // A clock that steps back gives nothing and takes nothing.
        if (now.isAfter(bucket.updated)) {
            double seconds = Duration.between(bucket.updated, now).toNanos() / 1e9;
            bucket.tokens = Math.min(burst, bucket.tokens + seconds * perSecond);
            bucket.updated = now;
        }
    }

    /**
     * A request racing with the removal may still spend from the dropped bucket while the next
     * one starts a fresh bucket: at most one extra request for a key that was idle, accepted for a
     * table without a global lock.
     */
    private void dropFull(Instant now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next();
            synchronized (bucket) {
                refill(bucket, now);
                if (bucket.tokens >= burst) {
                    it.remove();
                }
            }
        }
    }
}
