package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Coordinator;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Waiters are granted in (request Lamport time, agent id) order, not in order of arrival or luck. */
class FairWaitTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void waiters_areGrantedInLamportOrder_notArrivalOrder() throws Exception {
        try (TestHuddle h = new TestHuddle(dir); SqliteStore observer = h.store()) {
            AgentId alice = h.register("alice");
            AgentId bob = h.register("bob");
            AgentId carol = h.register("carol");
            for (int i = 0; i < 10; i++) {
                h.coordinator.agents().heartbeat(carol, Optional.empty(), Optional.empty());
            }
            h.coordinator.leases().lock(request(alice, Optional.empty()));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (Coordinator carolSide = h.another(d -> sleep(5)); Coordinator bobSide = h.another(d -> sleep(5))) {
                // carol asks first, but with a later Lamport time than bob's request.
                Future<LockOutcome> carolWait = pool.submit(() -> holdBriefly(carolSide, carol));
                awaitWaiters(observer, h, 1);
                Future<LockOutcome> bobWait = pool.submit(() -> holdBriefly(bobSide, bob));
                awaitWaiters(observer, h, 2);
                h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("shared.txt"), Optional.empty(), false, Optional.empty()));
                assertThat(bobWait.get(30, TimeUnit.SECONDS)).isInstanceOf(LockOutcome.Granted.class);
                assertThat(carolWait.get(30, TimeUnit.SECONDS)).isInstanceOf(LockOutcome.Granted.class);
            } finally {
                pool.shutdownNow();
            }
            var grants = h.coordinator.events().log(new EventFilter(Optional.empty(), Optional.of("lease.grant"), Optional.empty(),
                    Optional.of("shared.txt"), 0, 10));
            assertThat(grants).extracting(e -> e.agent().orElseThrow().value()).containsExactly("alice", "bob", "carol");
        }
    }

    private static LockOutcome holdBriefly(Coordinator side, AgentId who) {
        LockOutcome outcome = side.leases().lock(request(who, Optional.of(Duration.ofHours(1))));
        if (outcome instanceof LockOutcome.Granted) {
            side.leases().unlock(new UnlockRequest(who, List.of("shared.txt"), Optional.empty(), false, Optional.empty()));
        }
        return outcome;
    }

    private static LockRequest request(AgentId who, Optional<Duration> wait) {
        return new LockRequest(who, List.of("shared.txt"), LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(),
                Optional.empty(), wait);
    }

    private static void awaitWaiters(SqliteStore observer, TestHuddle h, int count) {
        for (int i = 0; i < 5_000; i++) {
            if (observer.read(tx -> tx.leases().waiters(h.clock.instant()).size()) >= count) {
                return;
            }
            sleep(2);
        }
        throw new AssertionError("waiters never queued");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
