package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseServiceTest {

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;

    @BeforeEach
    void setUp() {
        h = fixture(dir);
        alice = h.register("alice");
        bob = h.register("bob");
    }

    /** The fixture; the contract suite's subclass runs these same tests through a server. */
    TestHuddle fixture(Path dir) {
        return new TestHuddle(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    LockOutcome lock(AgentId who, String... resources) {
        return h.coordinator.leases().lock(new LockRequest(who, List.of(resources), LeaseMode.EXCLUSIVE, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    LockOutcome lockShared(AgentId who, String... resources) {
        return h.coordinator.leases().lock(new LockRequest(who, List.of(resources), LeaseMode.SHARED, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    static Lease only(LockOutcome outcome) {
        assertThat(outcome).isInstanceOf(LockOutcome.Granted.class);
        var g = (LockOutcome.Granted) outcome;
        return g.granted().isEmpty() ? g.renewed().getFirst() : g.granted().getFirst();
    }

    @Nested
    class Normalisation {

        @Test
        void lock_whenSpelledDifferently_isOneResource() {
            only(lock(alice, "a"));
            for (String spelling : List.of("./a", "a", "src/../a", dir.resolve("a").toString(), ".//a")) {
                assertThat(lock(bob, spelling)).as(spelling).isInstanceOf(LockOutcome.Denied.class);
            }
        }

        @Test
        void lock_whenPathEscapesRepository_isRefusedAndNothingWritten() {
            long before = h.coordinator.events().lastSeq();
            for (String escaping : List.of("../x", "/etc/passwd", "src/../../x")) {
                assertThatThrownBy(() -> lock(alice, escaping))
                        .isInstanceOf(HuddleException.class)
                        .hasMessageContaining("outside the repository")
                        .extracting(e -> ((HuddleException) e).kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
            }
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(before);
        }

        @Test
        void lock_whenSymlinkLeavesRepository_isRefused(@TempDir Path outside) throws Exception {
            java.nio.file.Files.createSymbolicLink(dir.resolve("link"), outside);
            assertThatThrownBy(() -> lock(alice, "link")).hasMessageContaining("symbolic link");
        }
    }

    @Nested
    class Intersection {

        @Test
        void lock_whenGlobsIntersect_isDenied() {
            only(lock(alice, "src/*.py"));
            assertThat(lock(bob, "src/a*")).isInstanceOf(LockOutcome.Denied.class);
        }

        @Test
        void lock_whenGlobsAreDisjoint_isGranted() {
            only(lock(alice, "src/*.py"));
            only(lock(bob, "src/*.go"));
        }

        @Test
        void lock_whenDoubleStarCoversPath_isDenied() {
            only(lock(alice, "src/**"));
            var denied = (LockOutcome.Denied) lock(bob, "src/x/y.rs");
            assertThat(denied.conflicts()).singleElement()
                    .satisfies(c -> assertThat(c.heldBy().holder()).isEqualTo(alice));
        }

        @Test
        void lock_whenBothShared_isGranted_butExclusiveAgainstShared_isDenied() {
            only(lockShared(alice, "docs/**"));
            only(lockShared(bob, "docs/a.md"));
            AgentId carol = h.register("carol");
            assertThat(lock(carol, "docs/a.md")).isInstanceOf(LockOutcome.Denied.class);
        }
    }

    @Test
    void lock_whenOneOfSeveralIsHeld_grantsNothing() {
        only(lock(alice, "b"));
        var outcome = lock(bob, "a", "b", "c");
        assertThat(outcome).isInstanceOf(LockOutcome.Denied.class);
        assertThat(h.coordinator.leases().locks(false, Optional.of(bob))).isEmpty();
    }

    @Test
    void lock_whenDenied_namesEveryConflict() {
        only(lock(alice, "a"));
        AgentId carol = h.register("carol");
        only(lock(carol, "b"));
        var denied = (LockOutcome.Denied) lock(bob, "a", "b");
        assertThat(denied.conflicts()).extracting(c -> c.heldBy().holder()).containsExactlyInAnyOrder(alice, carol);
    }

    @Test
    void lock_whenAlreadyHeld_renewsWithSameToken() {
        Lease first = only(lock(alice, "a"));
        h.clock.advance(Duration.ofMinutes(20));
        var again = (LockOutcome.Granted) lock(alice, "a");
        assertThat(again.granted()).isEmpty();
        assertThat(again.renewed()).singleElement().satisfies(l -> {
            assertThat(l.token()).isEqualTo(first.token());
            assertThat(l.expiresAt()).isAfter(first.expiresAt());
        });
    }

    @Test
    void lock_whenTtlPassed_isFreeForOthers() {
        h.coordinator.leases().lock(new LockRequest(alice, List.of("a"), LeaseMode.EXCLUSIVE, Optional.of(Duration.ofMinutes(2)),
                Optional.empty(), Optional.empty(), Optional.empty()));
        h.clock.advance(Duration.ofMinutes(1));
        assertThat(lock(bob, "a")).isInstanceOf(LockOutcome.Denied.class);
        h.clock.advance(Duration.ofMinutes(1));
        only(lock(bob, "a"));
    }

    @Test
    void lock_whenTtlOverMaximum_isRefused() {
        assertThatThrownBy(() -> h.coordinator.leases().lock(new LockRequest(alice, List.of("a"), LeaseMode.EXCLUSIVE,
                Optional.of(Duration.ofHours(9)), Optional.empty(), Optional.empty(), Optional.empty())))
                .hasMessageContaining("maximum");
    }

    @Test
    void lock_whenHolderIsOffline_isGranted_andHolderReturningHasLostIt() {
        h.coordinator.leases().lock(new LockRequest(alice, List.of("a"), LeaseMode.EXCLUSIVE, Optional.of(Duration.ofHours(8)),
                Optional.empty(), Optional.empty(), Optional.empty()));
        h.clock.advance(Duration.ofHours(3));
        Lease bobs = only(lock(bob, "a"));
        h.coordinator.agents().heartbeat(alice, Optional.empty(), Optional.empty());
        assertThat(h.coordinator.leases().locks(false, Optional.empty())).extracting(v -> v.lease().token())
                .containsExactly(bobs.token());
        assertThat(h.coordinator.leases().check(Optional.of(alice), List.of("a")).getFirst().blockers())
                .extracting(c -> c.heldBy().holder()).containsExactly(bob);
    }

    @Test
    void lock_neverPreemptsLiveHolder_evenWhenRequesterClockIsLower() {
        for (int i = 0; i < 20; i++) {
            h.coordinator.agents().heartbeat(alice, Optional.empty(), Optional.empty());
        }
        only(lock(alice, "a"));
        AgentId fresh = h.register("fresh");
        assertThat(h.coordinator.agents().whoami(fresh).agent().clock().value())
                .isLessThan(h.coordinator.agents().whoami(alice).agent().clock().value());
        assertThat(lock(fresh, "a")).isInstanceOf(LockOutcome.Denied.class);
    }

    @Nested
    class FencingTokens {

        @Test
        void grants_haveStrictlyIncreasingTokens() {
            long previous = 0;
            for (String r : List.of("a", "b", "c", "d")) {
                long t = only(lock(alice, r)).token().value();
                assertThat(t).isGreaterThan(previous);
                previous = t;
            }
            h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("a"), Optional.empty(), false, Optional.empty()));
            assertThat(only(lock(bob, "a")).token().value()).isGreaterThan(previous);
        }

        @Test
        void staleToken_afterForceRelease_isRefusedForRenewAndUnlock() {
            Lease lease = only(lock(alice, "a"));
            h.coordinator.leases().unlock(new UnlockRequest(bob, List.of("a"), Optional.empty(), true, Optional.of("alice is stuck")));
            var renew = h.coordinator.leases().renew(alice, List.of(), Optional.empty(), Optional.of(lease.token()));
            assertThat(renew).isInstanceOfSatisfying(UnlockOutcome.Refused.class,
                    r -> assertThat(r.reason()).contains("stale").contains("released"));
            var unlock = h.coordinator.leases().unlock(new UnlockRequest(alice, List.of(), Optional.of(lease.token()), false,
                    Optional.empty()));
            assertThat(unlock).isInstanceOf(UnlockOutcome.Refused.class);
        }

        @Test
        void staleToken_afterExpiry_isRefused() {
            Lease lease = only(lock(alice, "a"));
            h.clock.advance(Duration.ofMinutes(31));
            assertThat(h.coordinator.leases().renew(alice, List.of(), Optional.empty(), Optional.of(lease.token())))
                    .isInstanceOfSatisfying(UnlockOutcome.Refused.class, r -> assertThat(r.reason()).contains("expired"));
        }

        @Test
        void liveToken_renews() {
            Lease lease = only(lock(alice, "a"));
            h.clock.advance(Duration.ofMinutes(10));
            var renewed = (UnlockOutcome.Done) h.coordinator.leases().renew(alice, List.of(), Optional.of(Duration.ofMinutes(30)),
                    Optional.of(lease.token()));
            assertThat(renewed.leases()).singleElement()
                    .satisfies(l -> assertThat(l.expiresAt()).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(30))));
        }

        @Test
        void tokenOfAnotherAgent_isRefused() {
            Lease lease = only(lock(alice, "a"));
            assertThat(h.coordinator.leases().renew(bob, List.of(), Optional.empty(), Optional.of(lease.token())))
                    .isInstanceOf(UnlockOutcome.Refused.class);
            assertThat(h.coordinator.leases().renew(bob, List.of(), Optional.empty(), Optional.of(new FencingToken(999))))
                    .isInstanceOfSatisfying(UnlockOutcome.Refused.class, r -> assertThat(r.reason()).contains("no lease was ever granted"));
        }
    }

    @Nested
    class Release {

        @Test
        void unlock_ofAnothersLease_withoutForce_isRefusedNamingHolder() {
            only(lock(alice, "a"));
            var outcome = h.coordinator.leases().unlock(new UnlockRequest(bob, List.of("a"), Optional.empty(), false, Optional.empty()));
            assertThat(outcome).isInstanceOfSatisfying(UnlockOutcome.Refused.class,
                    r -> assertThat(r.reason()).contains("alice"));
            assertThat(h.coordinator.leases().locks(false, Optional.of(alice))).hasSize(1);
        }

        @Test
        void forceWithoutReason_isInvalid() {
            only(lock(alice, "a"));
            assertThatThrownBy(() -> h.coordinator.leases().unlock(new UnlockRequest(bob, List.of("a"), Optional.empty(), true,
                    Optional.empty()))).isInstanceOfSatisfying(HuddleException.class,
                    e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT));
        }

        @Test
        void forceRelease_isAudited_andHolderIsTold() {
            only(lock(alice, "a"));
            h.coordinator.leases().unlock(new UnlockRequest(bob, List.of("a"), Optional.empty(), true, Optional.of("stuck for hours")));
            var events = h.coordinator.events().log(new EventFilter(Optional.of(bob), Optional.of("lease.force_release"),
                    Optional.empty(), Optional.empty(), 0, 10));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.path()).contains("a");
                assertThat(e.data()).containsEntry("reason", "stuck for hours").containsEntry("holder", "alice");
            });
            assertThat(h.coordinator.messages().inbox(alice, false)).singleElement()
                    .satisfies(m -> assertThat(m.message().body()).contains("bob").contains("stuck for hours"));
            only(lock(bob, "a"));
        }

        @Test
        void unlock_ofNothingHeld_fails() {
            assertThatThrownBy(() -> h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("a"), Optional.empty(), false,
                    Optional.empty()))).hasMessageContaining("no live lease");
        }

        @Test
        void leave_releasesLeases() {
            only(lock(alice, "a", "b"));
            assertThat(h.coordinator.agents().leave(alice).releasedLeases()).hasSize(2);
            only(lock(bob, "a", "b"));
        }
    }

    @Nested
    class Check {

        @Test
        void check_isSideEffectFree() {
            only(lock(alice, "src/*.py"));
            long seq = h.coordinator.events().lastSeq();
            var clockBefore = h.coordinator.agents().whoami(bob).agent().clock();
            var result = h.coordinator.leases().check(Optional.of(bob), List.of("src/a.py", "src/b.go"));
            assertThat(result.get(0).free()).isFalse();
            assertThat(result.get(1).free()).isTrue();
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
            assertThat(h.coordinator.agents().whoami(bob).agent().clock()).isEqualTo(clockBefore);
        }

        @Test
        void check_ownLease_isFree_andSharedLeaseDoesNotBlockEdits() {
            only(lock(alice, "a"));
            only(lockShared(bob, "b"));
            assertThat(h.coordinator.leases().check(Optional.of(alice), List.of("a", "b"))).allMatch(PathCheck::free);
            assertThat(h.coordinator.leases().check(Optional.empty(), List.of("a")).getFirst().free()).isFalse();
        }
    }

    @Nested
    class RefusalsChangeNothing {

        @Test
        void deniedLock_leavesClockPresenceAndLogAlone() {
            only(lock(alice, "a"));
            h.clock.advance(Duration.ofMinutes(10));
            var before = h.coordinator.agents().whoami(bob).agent();
            long seq = h.coordinator.events().lastSeq();
            assertThat(lock(bob, "a")).isInstanceOf(LockOutcome.Denied.class);
            var after = h.coordinator.agents().whoami(bob).agent();
            assertThat(after.clock()).isEqualTo(before.clock());
            assertThat(after.lastSeen()).isEqualTo(before.lastSeen());
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }

        @Test
        void refusedUnlock_byDepartedAgent_keepsItDeparted() {
            only(lock(alice, "a"));
            h.coordinator.agents().leave(bob);
            var outcome = h.coordinator.leases().unlock(new UnlockRequest(bob, List.of("a"), Optional.empty(), false, Optional.empty()));
            assertThat(outcome).isInstanceOf(UnlockOutcome.Refused.class);
            assertThat(h.coordinator.agents().whoami(bob).agent().departed()).isTrue();
        }

        @Test
        void staleTokenRenew_leavesClockAlone() {
            Lease lease = only(lock(alice, "a"));
            h.clock.advance(Duration.ofMinutes(31));
            var before = h.coordinator.agents().whoami(alice).agent().clock();
            assertThat(h.coordinator.leases().renew(alice, List.of(), Optional.empty(), Optional.of(lease.token())))
                    .isInstanceOf(UnlockOutcome.Refused.class);
            assertThat(h.coordinator.agents().whoami(alice).agent().clock()).isEqualTo(before);
        }
    }

    @Test
    void locksAllOfAHolder_whenMoreThanTheListingLimitOfOthersCameAfter_stillListsTheirs() {
        lock(alice, "mine.py");
        h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("mine.py"), Optional.empty(), false, Optional.empty()));
        try (var store = h.store()) {
            store.write(tx -> {
                for (int i = 0; i < 10_001; i++) {
                    tx.leases().insert(new Lease(0, Resource.fromText("other/" + i + ".py"), bob, LeaseMode.EXCLUSIVE,
                            tx.nextFencingToken(), Optional.empty(), Optional.empty(), h.clock.instant(),
                            h.clock.instant().plusSeconds(60), Optional.empty()));
                }
                return null;
            });
        }
        assertThat(h.coordinator.leases().locks(true, Optional.of(alice)))
                .extracting(v -> v.lease().resource().text()).containsExactly("mine.py");
    }

    @Test
    void dryRun_lock_writesNothing() {
        var rehearsal = h.coordinator.rehearsing();
        long seq = h.coordinator.events().lastSeq();
        assertThat(rehearsal.leases().lock(new LockRequest(alice, List.of("a"), LeaseMode.EXCLUSIVE, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))).isInstanceOf(LockOutcome.Granted.class);
        assertThat(h.coordinator.leases().locks(true, Optional.empty())).isEmpty();
        assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
    }
}
