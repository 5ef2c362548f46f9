package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.Pacer;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.CountingStore;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * lock --wait is fair (DESIGN §4.4): waiters queue in arrival order, the store's sequence, whatever
 * the agents' Lamport clocks say; no request, waiting or not, overtakes a contending waiter that
 * asked before it; a waiter whose process is gone drops out. Agents' clocks are skewed on purpose:
 * carol has worked longest, so her clock is far ahead of everyone's.
 */
class FairWaitTest {

    private static final String PATH = "shared.txt";

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;
    AgentId carol;
    AgentId dave;

    @BeforeEach
    void setUp() {
        h = new TestHuddle(dir);
        alice = h.register("alice");
        bob = h.register("bob");
        carol = h.register("carol");
        dave = h.register("dave");
        for (int i = 0; i < 50; i++) {
            h.coordinator.agents().heartbeat(carol, Optional.empty(), Optional.empty());
        }
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    @Timeout(60)
    void waiters_areGrantedInArrivalOrder_evenWhenTheFirstHasTheHighestClock() throws Exception {
        // Checked before the waits: granting merges clocks (the causal log), so afterwards bob is past carol.
        assertThat(clock(carol)).as("carol's clock is ahead of bob's").isGreaterThan(clock(bob) + 40);
        granted(h.coordinator.leases().lock(request(alice, PATH, Optional.empty())));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SqliteStore observer = h.store(); Coordinator carolSide = h.another(d -> sleep(2));
                Coordinator bobSide = h.another(d -> sleep(2))) {
            Future<LockOutcome> carolWait = pool.submit(() -> holdBriefly(carolSide, carol));
            awaitWaiters(observer, 1);
            Future<LockOutcome> bobWait = pool.submit(() -> holdBriefly(bobSide, bob));
            awaitWaiters(observer, 2);
            h.coordinator.leases().unlock(unlock(alice));
            assertThat(carolWait.get(30, TimeUnit.SECONDS)).isInstanceOf(LockOutcome.Granted.class);
            assertThat(bobWait.get(30, TimeUnit.SECONDS)).isInstanceOf(LockOutcome.Granted.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(inCommitOrder("lease.grant")).extracting(e -> e.agent().orElseThrow().value())
                .containsExactly("alice", "carol", "bob");
    }

    @Test
    void lock_withoutWait_whileAContenderIsQueued_isDeniedNamingTheLine_evenWithALowerClock() {
        granted(h.coordinator.leases().lock(request(alice, PATH, Optional.empty())));
        long carolsPlace = queue(carol, PATH, LeaseMode.EXCLUSIVE);
        h.coordinator.leases().unlock(unlock(alice));
        long before = h.coordinator.events().lastSeq();

        LockOutcome outcome = h.coordinator.leases().lock(request(dave, PATH, Optional.empty()));

        assertThat(outcome).isInstanceOfSatisfying(LockOutcome.Denied.class, d -> {
            assertThat(d.conflicts()).as("nobody holds it").isEmpty();
            assertThat(d.queuedAhead()).extracting(Waiter::id, Waiter::agent).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(carolsPlace, carol));
        });
        assertThat(h.coordinator.events().lastSeq()).as("a refusal writes nothing").isEqualTo(before);
        assertThat(clock(dave)).isLessThan(clock(carol));
    }

    @Test
    void lock_withoutWait_ofWhatNoWaiterContendsFor_isGranted_sharedAgainstAQueuedWriterIsNot() {
        granted(h.coordinator.leases().lock(request(alice, "**", Optional.empty())));
        queue(carol, PATH, LeaseMode.EXCLUSIVE);
        queue(bob, "docs/readme.md", LeaseMode.SHARED);
        h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("**"), Optional.empty(), false, Optional.empty()));

        granted(h.coordinator.leases().lock(request(dave, "src/other.txt", Optional.empty())));
        granted(h.coordinator.leases().lock(new LockRequest(dave, List.of("docs/readme.md"), LeaseMode.SHARED, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())));
        assertThat(h.coordinator.leases().lock(new LockRequest(dave, List.of(PATH), LeaseMode.SHARED, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))).as("a reader does not pass a queued writer")
                .isInstanceOf(LockOutcome.Denied.class);
        assertThat(h.coordinator.leases().lock(request(dave, "*.txt", Optional.empty()))).as("a glob covering the waited path")
                .isInstanceOf(LockOutcome.Denied.class);
    }

    @Test
    void waiter_whoseProcessStopped_dropsOutOfTheLineAfterTheGrace() {
        granted(h.coordinator.leases().lock(request(alice, PATH, Optional.empty())));
        queue(carol, PATH, LeaseMode.EXCLUSIVE);
        h.coordinator.leases().unlock(unlock(alice));
        assertThat(h.coordinator.leases().lock(request(dave, PATH, Optional.empty()))).isInstanceOf(LockOutcome.Denied.class);

        h.clock.advance(LeaseWait.WAITER_GRACE);

        granted(h.coordinator.leases().lock(request(dave, PATH, Optional.empty())));
    }

    @Test
    void wait_thatTimesOut_leavesTheLine_namesTheHolder_andTheLogShowsTheWait() {
        granted(h.coordinator.leases().lock(request(alice, PATH, Optional.empty())));

        LockOutcome outcome = h.coordinator.leases().lock(request(bob, PATH, Optional.of(Duration.ofMinutes(1))));

        assertThat(outcome).isInstanceOfSatisfying(LockOutcome.Denied.class, d -> {
            assertThat(d.timedOut()).isTrue();
            assertThat(d.conflicts()).extracting(c -> c.heldBy().holder()).containsExactly(alice);
        });
        try (SqliteStore observer = h.store()) {
            List<Waiter> line = observer.read(tx -> tx.leases().waiters(h.clock.instant()));
            assertThat(line).isEmpty();
        }
        assertThat(inCommitOrder("lease")).extracting(e -> e.kind() + " " + e.agent().orElseThrow())
                .containsExactly("lease.grant alice", "lease.wait bob", "lease.give_up bob");
        h.coordinator.leases().unlock(unlock(alice));
        granted(h.coordinator.leases().lock(request(dave, PATH, Optional.empty())));
    }

    @Test
    void wait_isGrantedWhenTheHoldersLeaseExpires_thoughNobodyWrites() {
        Instant start = h.clock.instant();
        granted(h.coordinator.leases().lock(new LockRequest(alice, List.of(PATH), LeaseMode.EXCLUSIVE,
                Optional.of(Duration.ofMinutes(1)), Optional.empty(), Optional.empty(), Optional.empty())));

        LockOutcome outcome = h.coordinator.leases().lock(request(bob, PATH, Optional.of(Duration.ofMinutes(10))));

        assertThat(LeaseServiceTest.only(outcome).grantedAt()).isBetween(start.plus(Duration.ofMinutes(1)),
                start.plus(Duration.ofMinutes(1)).plusMillis(100));
    }

    /**
     * Cheap waiting: on a quiet store a waiter reads the leases about once a second (when it renews
     * its place) and otherwise only looks at the change counter; a release by another process is
     * noticed within the head of the line's longest look (25 ms), here on the test's clock.
     */
    @Test
    void wait_onAQuietStore_readsAboutOnceASecond_andNoticesARelease_within25ms() {
        granted(h.coordinator.leases().lock(request(alice, PATH, Optional.empty())));
        Instant releaseAt = h.clock.instant().plus(Duration.ofSeconds(30));
        Pacer releasesAt30s = d -> {
            h.clock.advance(d);
            if (!h.clock.instant().isBefore(releaseAt) && !h.coordinator.leases().locks(false, Optional.of(alice)).isEmpty()) {
                h.coordinator.leases().unlock(unlock(alice));
            }
        };
        try (CountingStore store = new CountingStore(h.store())) {
            Context ctx = new Context(store, Settings.DEFAULTS, h.clock, new Workspace(dir, dir), releasesAt30s, false);

            LockOutcome outcome = new LeaseService(ctx).lock(request(bob, PATH, Optional.of(Duration.ofMinutes(5))));

            assertThat(LeaseServiceTest.only(outcome).grantedAt()).isBetween(releaseAt, releaseAt.plusMillis(25));
            assertThat(store.reads()).as("full checks in 30 s of waiting").isBetween(25, 40);
            assertThat(store.writes()).as("queue, ~30 renewals, grant").isBetween(25, 40);
            assertThat(store.looks()).as("looks at the change counter: about one per 25 ms").isBetween(1_000, 1_500);
        }
    }

    /** Queues {@code who} the way a waiting process does, then leaves it alone: it neither checks nor renews. */
    private long queue(AgentId who, String resource, LeaseMode mode) {
        try (SqliteStore store = h.store()) {
            Context ctx = new Context(store, Settings.DEFAULTS, h.clock, new Workspace(dir, dir), h.clock::advance, false);
            LockRequest req = new LockRequest(who, List.of(resource), mode, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(Duration.ofMinutes(10)));
            LeaseWait wait = ctx.write(tx -> LeaseWait.arrive(tx, ctx, new ResourceResolver(ctx.workspace()).sameFiles(), req, List.of(Resource.fromText(resource)),
                    Duration.ofMinutes(30)));
            assertThat(wait.queued()).as("%s queued", who).isTrue();
            return wait.waiterId();
        }
    }

    private List<Event> inCommitOrder(String kind) {
        return h.coordinator.events().log(new EventFilter(Optional.empty(), Optional.of(kind), Optional.empty(), Optional.empty(),
                0, 100)).stream().sorted(Comparator.comparingLong(Event::seq)).toList();
    }

    private long clock(AgentId who) {
        return h.coordinator.agents().whoami(who).agent().clock().value();
    }

    private static void granted(LockOutcome outcome) {
        assertThat(outcome).isInstanceOf(LockOutcome.Granted.class);
    }

    private static LockOutcome holdBriefly(Coordinator side, AgentId who) {
        LockOutcome outcome = side.leases().lock(request(who, PATH, Optional.of(Duration.ofHours(1))));
        if (outcome instanceof LockOutcome.Granted) {
            side.leases().unlock(unlock(who));
        }
        return outcome;
    }

    private static LockRequest request(AgentId who, String resource, Optional<Duration> wait) {
        return new LockRequest(who, List.of(resource), LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(),
                Optional.empty(), wait);
    }

    private static UnlockRequest unlock(AgentId who) {
        return new UnlockRequest(who, List.of(PATH), Optional.empty(), false, Optional.empty());
    }

    private void awaitWaiters(SqliteStore observer, int count) {
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
