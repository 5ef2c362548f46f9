package dev.huddle.app.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.Pacer;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierVerdict;
import dev.huddle.core.frontier.FrontierWaiter;
import dev.huddle.store.Store;
import dev.huddle.store.StoreException;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.store.ForwardingStore;
import dev.huddle.testing.CountingStore;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * frontier --wait wakes every waiter whose frontier was SAFE while it waited (DESIGN §4.3), even
 * when the SAFE moment ends before the waiter looks again: a newcomer registering at epoch 0, an
 * agent coming back after leave or from offline. Without that, waiters of one barrier would pass or
 * starve depending on when each happened to look.
 */
class FairFrontierWaitTest {

    private static final FrontierQuery EPOCH_0 = new FrontierQuery(0, null, false);

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;

    @BeforeEach
    void setUp() {
        h = new TestHuddle(dir);
        alice = h.register("alice");
        bob = h.register("bob");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void wait_whenSafeOnlyUntilANewcomerRegisters_isReleased() {
        FrontierVerdict verdict = waitWhile(() -> {
            beat(alice, 1L);
            beat(bob, 1L);
            h.register("carol");
        }, EPOCH_0);

        assertThat(verdict.safe()).isTrue();
        assertThat(verdict.participants()).as("counted at the SAFE moment").isEqualTo(2);
        assertThat(h.coordinator.frontiers().frontier(EPOCH_0, Optional.empty()).safe()).as("not SAFE any more").isFalse();
    }

    @Test
    void wait_whenSafeOnlyUntilADepartedAgentComesBack_isReleased() {
        AgentId dave = h.register("dave");
        h.coordinator.agents().leave(dave);

        FrontierVerdict verdict = waitWhile(() -> {
            beat(alice, 1L);
            beat(bob, 1L);
            beat(dave, null);
        }, EPOCH_0);

        assertThat(verdict.safe()).isTrue();
    }

    @Test
    void wait_ignoringOffline_whenSafeOnlyUntilAnOfflineAgentComesBack_isReleased() {
        FrontierQuery ignoringOffline = new FrontierQuery(0, null, true);
        beat(alice, 1L);

        FrontierVerdict verdict = waitWhile(() -> {
            h.clock.advance(Duration.ofHours(3)); // bob goes offline by the clock alone: SAFE, ignoring him
            beat(alice, null);
            beat(bob, null); // ...until he comes back, still at epoch 0
        }, ignoringOffline);

        assertThat(verdict.safe()).isTrue();
        assertThat(h.coordinator.frontiers().frontier(ignoringOffline, Optional.empty()).safe()).isFalse();
    }

    @Test
    void safeMoment_releasesEveryListedWaiter_alsoThoseOfOtherProcesses() {
        long other;
        try (SqliteStore store = h.store()) {
            other = store.write(tx -> tx.frontierWaiters().enqueue(EPOCH_0, h.clock.instant(),
                    h.clock.instant().plus(Duration.ofMinutes(10))));
        }

        assertThat(waitWhile(() -> {
            beat(alice, 1L);
            beat(bob, 1L);
            h.register("carol");
        }, EPOCH_0).safe()).isTrue();

        try (SqliteStore store = h.store()) {
            Optional<FrontierWaiter> released = store.read(tx -> tx.frontierWaiters().find(other));
            assertThat(released).hasValueSatisfying(w -> {
                assertThat(w.safeAt()).isPresent();
                assertThat(w.counted()).isEqualTo(2);
            });
        }
    }

    @Test
    void wait_leavesNoListingBehind_whetherSafeOrTimedOut() {
        assertThat(h.coordinator.frontiers().frontier(EPOCH_0, Optional.of(Duration.ofSeconds(3))).safe()).isFalse();
        assertThat(waitWhile(() -> {
            beat(alice, 1L);
            beat(bob, 1L);
        }, EPOCH_0).safe()).isTrue();

        try (SqliteStore store = h.store()) {
            List<FrontierWaiter> left = store.read(tx -> tx.frontierWaiters().pending(h.clock.instant().minusSeconds(60)));
            assertThat(left).isEmpty();
        }
    }

    /** On a quiet store a waiter evaluates the frontier about once a second, and only looks at the change counter otherwise. */
    @Test
    void wait_onAQuietStore_readsAboutOnceASecond() {
        try (CountingStore store = new CountingStore(h.store())) {
            Context ctx = new Context(store, Settings.DEFAULTS, h.clock, new Workspace(dir, dir), h.clock::advance, false);

            FrontierVerdict verdict = new FrontierService(ctx).frontier(EPOCH_0, Optional.of(Duration.ofSeconds(30)));

            assertThat(verdict.safe()).isFalse();
            assertThat(store.reads()).as("evaluations in 30 s").isBetween(29, 35);
            assertThat(store.writes()).as("listed, then removed").isEqualTo(2);
            assertThat(store.looks()).as("looks at the change counter: about one per 50 ms").isBetween(500, 800);
        }
    }

    /** Listing is a write: a store that cannot be written still answers frontier --wait, unlisted. */
    @Test
    void wait_onAStoreThatCannotBeWritten_stillWaitsAndAnswers() {
        try (SqliteStore inner = h.store()) {
            Store readOnly = new ReadOnlyStore(inner);
            boolean[] advanced = {false};
            Pacer othersAdvanceAfter10s = d -> {
                h.clock.advance(d);
                if (!advanced[0] && h.clock.instant().isAfter(java.time.Instant.parse("2026-11-21T12:00:10Z"))) {
                    advanced[0] = true;
                    beat(alice, 1L);
                    beat(bob, 1L);
                }
            };
            FrontierService waiter = new FrontierService(new Context(readOnly, Settings.DEFAULTS, h.clock,
                    new Workspace(dir, dir), othersAdvanceAfter10s, false));

            assertThat(waiter.frontier(EPOCH_0, Optional.of(Duration.ofSeconds(5))).safe()).as("times out").isFalse();
            assertThat(waiter.frontier(EPOCH_0, Optional.of(Duration.ofMinutes(1))).safe()).as("sees SAFE").isTrue();
        }
    }

    /** A store whose writes fail as a read-only filesystem's do. */
    private static final class ReadOnlyStore extends ForwardingStore {
        ReadOnlyStore(Store inner) {
            super(inner);
        }

        @Override
        public <T> T write(java.util.function.Function<dev.huddle.store.Tx, T> work) {
            throw new StoreException.ReadOnly("store is read-only", null);
        }

        @Override
        public <T> T rehearse(java.util.function.Function<dev.huddle.store.Tx, T> work) {
            throw new StoreException.ReadOnly("store is read-only", null);
        }
    }

    /**
     * Waits for {@code query} with a pacer that runs {@code meanwhile} once, on another connection,
     * at the waiter's first pause: the SAFE moment comes and goes between two of its looks.
     */
    private FrontierVerdict waitWhile(Runnable meanwhile, FrontierQuery query) {
        boolean[] done = {false};
        Pacer pacer = d -> {
            h.clock.advance(d);
            if (!done[0]) {
                done[0] = true;
                meanwhile.run();
            }
        };
        try (Coordinator waiter = h.another(pacer)) {
            return waiter.frontiers().frontier(query, Optional.of(Duration.ofHours(4)));
        }
    }

    private void beat(AgentId who, Long epoch) {
        h.coordinator.agents().heartbeat(who, Optional.ofNullable(epoch), Optional.empty());
    }
}
