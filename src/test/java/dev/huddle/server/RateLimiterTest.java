package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.testing.MutableClock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = MutableClock.atNoon();

    @Test
    void acquire_withinTheBurst_admits_thenRefusesWithTheWaitForOneToken() {
        RateLimiter limiter = new RateLimiter(4, 3, clock, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a").admitted()).isTrue();
        }
        RateLimiter.Verdict refused = limiter.acquire("a");
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void acquire_afterTheWaitItNamed_admitsAgain_andNotBefore() {
        RateLimiter limiter = new RateLimiter(4, 1, clock, 100);
        assertThat(limiter.acquire("a").admitted()).isTrue();
        Duration wait = limiter.acquire("a").retryAfter();
        clock.advance(wait.minusMillis(1));
        assertThat(limiter.acquire("a").admitted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.acquire("a").admitted()).isTrue();
    }

    @Test
    void acquire_keysHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(1, 1, clock, 100);
        assertThat(limiter.acquire("a").admitted()).isTrue();
        assertThat(limiter.acquire("a").admitted()).isFalse();
        assertThat(limiter.acquire("b").admitted()).isTrue();
    }

    @Test
    void acquire_idleTime_refillsNoMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 2, clock, 100);
        limiter.acquire("a");
        clock.advance(Duration.ofHours(1));
        assertThat(limiter.acquire("a").admitted()).isTrue();
        assertThat(limiter.acquire("a").admitted()).isTrue();
        assertThat(limiter.acquire("a").admitted()).isFalse();
    }

    @Test
    void acquire_aClockSteppingBack_givesNothing() {
        RateLimiter limiter = new RateLimiter(1, 1, clock, 100);
        limiter.acquire("a");
        clock.advance(Duration.ofSeconds(-30));
        assertThat(limiter.acquire("a").admitted()).isFalse();
    }

    @Test
    void acquire_manyKeys_theTableDropsRefilledBuckets() {
        RateLimiter limiter = new RateLimiter(100, 5, clock, 50);
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire("k" + i);
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(51);
    }

    /** Over any sequence of requests, a key is never admitted more than burst + rate × elapsed. */
    @Test
    void acquire_randomArrivals_neverAdmitMoreThanTheBucketAllows() {
        long seed = new Random().nextLong();
        System.out.println("RateLimiterTest seed " + seed);
        Random random = new Random(seed);
        RateLimiter limiter = new RateLimiter(5, 7, clock, 100);
        long elapsedMillis = 0;
        int admitted = 0;
        for (int i = 0; i < 5_000; i++) {
            int step = random.nextInt(120);
            clock.advance(Duration.ofMillis(step));
            elapsedMillis += step;
            if (limiter.acquire("a").admitted()) {
                admitted++;
            }
            assertThat(admitted).as("seed %d, after %d ms", seed, elapsedMillis).isLessThanOrEqualTo(7 + (int) (elapsedMillis * 5 / 1000));
        }
        assertThat(admitted).as("seed %d: the limiter lets the sustained rate through", seed)
                .isGreaterThanOrEqualTo((int) (elapsedMillis * 5 / 1000) - 1);
    }
}
