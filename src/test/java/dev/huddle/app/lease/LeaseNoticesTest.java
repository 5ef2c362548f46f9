package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.message.Envelope;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holders are told, once, when a lease ends without them: expired (swept lazily) or force-released. */
class LeaseNoticesTest {

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

    /** The fixture; the subclass runs the same tests through a server. */
    TestHuddle fixture(Path dir) {
        return new TestHuddle(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void anExpiredLeaseTakenOver_tellsItsHolderOnce_withResourceTokenTimeAndNextStep() {
        Lease lease = lock(alice, "src/a.py", Duration.ofMinutes(10));
        h.clock.advance(Duration.ofMinutes(11));
        lock(bob, "src/a.py", Duration.ofMinutes(10));
        lock(bob, "src/b.py", Duration.ofMinutes(10));

        List<Envelope> told = notices(alice);
        assertThat(told).singleElement().satisfies(e -> {
            assertThat(e.message().recipients()).containsExactly("alice");
            assertThat(e.message().subject()).contains("lease on src/a.py expired");
            assertThat(e.message().body()).contains("src/a.py").contains("fencing token " + lease.token())
                    .contains("expired at " + lease.expiresAt()).contains("lock it again (huddle lock src/a.py)");
        });
        assertThat(notices(bob)).isEmpty();
        var expiries = h.coordinator.events().log(new EventFilter(Optional.empty(), Optional.of("lease.expire"),
                Optional.empty(), Optional.empty(), 0, 10));
        assertThat(expiries).singleElement().satisfies(e -> {
            assertThat(e.agent()).isEmpty();
            assertThat(e.data()).containsEntry("holder", "alice").containsEntry("token", lease.token().value());
        });
    }

    @Test
    void anExpiredLeaseNobodyTookOver_isToldByTheNextLeaseWrite_evenAnUnrelatedOne() {
        lock(alice, "a", Duration.ofMinutes(5));
        h.clock.advance(Duration.ofMinutes(6));
        lock(bob, "elsewhere", Duration.ofMinutes(5));
        assertThat(notices(alice)).hasSize(1);
    }

    @Test
    void anExpiredLeaseNeverSwept_isToldByGc_beforeGcDeletesIt() {
        lock(alice, "a", Duration.ofMinutes(5));
        h.clock.advance(Duration.ofDays(8));
        var collected = h.coordinator.overview().gc();
        assertThat(collected.leasesPurged()).isEqualTo(1);
        assertThat(notices(alice)).singleElement()
                .satisfies(e -> assertThat(e.message().subject()).contains("lease on a expired"));
        h.coordinator.overview().gc();
        assertThat(notices(alice)).hasSize(1);
    }

    @Test
    void anUnexpiredLease_isNotTold() {
        lock(alice, "a", Duration.ofMinutes(30));
        h.clock.advance(Duration.ofMinutes(29));
        lock(bob, "b", Duration.ofMinutes(5));
        h.coordinator.overview().gc();
        assertThat(notices(alice)).isEmpty();
    }

    @Test
    void theHoldersOwnUnlock_andLeave_tellNobody() {
        lock(alice, "a", Duration.ofMinutes(5));
        lock(alice, "b", Duration.ofMinutes(5));
        h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("a"), Optional.empty(), false, Optional.empty()));
        h.coordinator.agents().leave(alice);
        h.clock.advance(Duration.ofDays(1));
        h.coordinator.overview().gc();
        assertThat(notices(alice)).isEmpty();
    }

    @Test
    void aForcedRelease_tellsTheHolder_whoWhyTokenAndNextStep_andNeverAgainAsExpired() {
        Lease lease = lock(alice, "a", Duration.ofMinutes(5));
        h.coordinator.leases().unlock(new UnlockRequest(bob, List.of("a"), Optional.empty(), true, Optional.of("stuck")));
        h.clock.advance(Duration.ofMinutes(10));
        h.coordinator.overview().gc();
        assertThat(notices(alice)).singleElement().satisfies(e -> {
            assertThat(e.message().subject()).contains("lease on a force-released");
            assertThat(e.message().body()).contains("bob force-released your lease on a")
                    .contains("fencing token " + lease.token()).contains("stuck").contains("lock it again");
        });
    }

    @Test
    void aLockReasonWithAControlCharacter_isRefusedByTheUseCase_withTheParsersError() {
        assertThatThrownBy(() -> h.coordinator.leases().lock(new LockRequest(alice, List.of("a"), LeaseMode.EXCLUSIVE,
                Optional.empty(), Optional.of("fix\u001b[2Jit"), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(HuddleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).isEqualTo("option --reason contains a control character (ESC at position 4):"
                            + " give one line of printable text");
                });
        lock(alice, "a", Duration.ofMinutes(5));
        assertThatThrownBy(() -> h.coordinator.leases().unlock(new UnlockRequest(bob, List.of("a"), Optional.empty(), true,
                Optional.of("two\nlines")))).hasMessageContaining("option --reason contains a control character (newline");
        assertThat(h.coordinator.leases().locks(false, Optional.of(alice))).hasSize(1);
    }

    Lease lock(AgentId who, String resource, Duration ttl) {
        var outcome = h.coordinator.leases().lock(new LockRequest(who, List.of(resource), LeaseMode.EXCLUSIVE,
                Optional.of(ttl), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(outcome).isInstanceOf(LockOutcome.Granted.class);
        return ((LockOutcome.Granted) outcome).granted().getFirst();
    }

    /** The lease notices in {@code who}'s inbox, read or not. */
    List<Envelope> notices(AgentId who) {
        return h.coordinator.messages().inbox(who, true).stream()
                .filter(e -> e.message().subject().filter(s -> s.startsWith("lease on ")).isPresent())
                .toList();
    }
}
