package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.session.SessionRef;
import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.app.task.NewTask;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.edit.EditTarget;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.testing.TestHuddle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases meeting through hard links and links, decided by the use cases on a real store and real files. */
class LinkedLeasesTest {

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("src/a.py"), "a");
        Files.writeString(dir.resolve("src/b.py"), "b");
        Files.createLink(dir.resolve("other/hl"), dir.resolve("src/a.py"));
        h = new TestHuddle(dir);
        alice = h.register("alice");
        bob = h.register("bob");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    LockOutcome lock(AgentId who, LeaseMode mode, Optional<Duration> ttl, Optional<Duration> wait, String... resources) {
        return h.coordinator.leases().lock(new LockRequest(who, List.of(resources), mode, ttl, Optional.empty(), Optional.empty(),
                wait));
    }

    LockOutcome lock(AgentId who, String... resources) {
        return lock(who, LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(), resources);
    }

    static List<String> texts(LockOutcome outcome) {
        assertThat(outcome).isInstanceOf(LockOutcome.Granted.class);
        return ((LockOutcome.Granted) outcome).granted().stream().map(l -> l.resource().text()).toList();
    }

    @Test
    void aHardLink_conflictsWithTheOtherName_eitherWayRound() {
        texts(lock(alice, "src/a.py"));
        var denied = (LockOutcome.Denied) lock(bob, "other/hl");
        assertThat(denied.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.requested().text()).isEqualTo("other/hl");
            assertThat(c.heldBy().resource().text()).isEqualTo("src/a.py");
        });
        texts(lock(bob, "src/b.py"));
        texts(lock(bob, "other/x.py"));
    }

    @Test
    void aHardLink_underAHeldDirectory_orAHeldFileUnderARequestedDirectory_conflicts() {
        texts(lock(alice, "src"));
        assertThat(lock(bob, "other/hl")).isInstanceOf(LockOutcome.Denied.class);
        h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("src"), Optional.empty(), false, Optional.empty()));
        texts(lock(alice, "other/hl"));
        assertThat(lock(bob, "src")).isInstanceOf(LockOutcome.Denied.class);
        assertThat(lock(bob, "src/*.py")).isInstanceOf(LockOutcome.Denied.class);
        texts(lock(bob, "src/b*"));
    }

    @Test
    void sharedLeasesOnTwoNamesOfOneFile_coexist() {
        texts(lock(alice, LeaseMode.SHARED, Optional.empty(), Optional.empty(), "src/a.py"));
        texts(lock(bob, LeaseMode.SHARED, Optional.empty(), Optional.empty(), "other/hl"));
    }

    @Test
    void aWaiterOnTheOtherName_isGrantedOnceTheHolderIsGone() {
        var start = h.clock.instant();
        texts(lock(alice, LeaseMode.EXCLUSIVE, Optional.of(Duration.ofMinutes(1)), Optional.empty(), "src/a.py"));
        var outcome = lock(bob, LeaseMode.EXCLUSIVE, Optional.empty(), Optional.of(Duration.ofMinutes(5)), "other/hl");
        assertThat(texts(outcome)).containsExactly("other/hl");
        // Granted only after alice's minute ran out (waits move the test clock).
        assertThat(Duration.between(start, h.clock.instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void checkAndHooks_seeTheHardLink_andAnEditThroughItRenewsTheEditorsOwnLease() {
        texts(lock(alice, "src/a.py"));
        assertThat(h.coordinator.leases().check(Optional.of(bob), List.of("other/hl")))
                .singleElement().satisfies(c -> assertThat(c.free()).isFalse());
        assertThat(h.coordinator.leases().check(Optional.of(alice), List.of("other/hl")))
                .singleElement().satisfies(c -> assertThat(c.free()).isTrue());

        SessionRef bobs = new SessionRef("claude", Optional.of("s-bob"), Optional.of(bob));
        assertThat(h.coordinator.sessions().mayEdit(bobs, dir, List.of(EditTarget.of("other/hl"))).allowed()).isFalse();

        Lease held = h.coordinator.leases().locks(false, Optional.of(alice)).getFirst().lease();
        h.clock.advance(Duration.ofMinutes(20));
        SessionRef alices = new SessionRef("claude", Optional.of("s-alice"), Optional.of(alice));
        var recorded = h.coordinator.sessions().recordEdit(alices, dir, List.of(EditTarget.of("other/hl")), "Write");
        assertThat(recorded.renewed()).extracting(Lease::id).containsExactly(held.id());
    }

    @Test
    void unlockAndRenew_acceptAnySpellingOfTheLeasedFile() throws IOException {
        Files.createSymbolicLink(dir.resolve("link"), Path.of("src"));
        assertThat(texts(lock(alice, "link/a.py"))).containsExactly("src/a.py");
        var renewed = h.coordinator.leases().renew(alice, List.of("link/./a.py"), Optional.empty(), Optional.empty());
        assertThat(renewed).isInstanceOf(UnlockOutcome.Done.class);
        var released = h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("link/a.py"), Optional.empty(), false,
                Optional.empty()));
        assertThat(((UnlockOutcome.Done) released).leases()).extracting(l -> l.resource().text()).containsExactly("src/a.py");
    }

    @Test
    void aGlobReachingALinkedDirectory_leasesItsTargetToo_andReleasesItWithIt() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.createDirectories(dir.resolve("src/api"));
        Files.createSymbolicLink(dir.resolve("docs/api"), Path.of("../src/api"));
        assertThat(texts(lock(alice, "docs/**"))).containsExactly("docs/**", "src/api/**");
        assertThat(lock(bob, "src/api/x.py")).isInstanceOf(LockOutcome.Denied.class);
        assertThat(h.coordinator.leases().renew(alice, List.of("docs/**"), Optional.empty(), Optional.empty()))
                .isInstanceOf(UnlockOutcome.Done.class);
        var released = h.coordinator.leases().unlock(new UnlockRequest(alice, List.of("docs/**"), Optional.empty(), false,
                Optional.empty()));
        assertThat(((UnlockOutcome.Done) released).leases()).hasSize(2);
        texts(lock(bob, "src/api/x.py"));
    }

    @Test
    void claimReserve_resolvesTheTasksFilesAsTheLinksAreNow() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Path cur = Files.createSymbolicLink(dir.resolve("cur"), Path.of("src"));
        var task = h.coordinator.tasks().create(new NewTask(alice, "move it", Optional.empty(), Optional.empty(), Optional.empty(),
                List.of("cur/x.py"), List.of(), Optional.empty(), List.of()));
        assertThat(task.files()).extracting(r -> r.text()).containsExactly("src/x.py");
        texts(lock(bob, "src/x.py"));
        // The task names src/x.py, which bob holds: reserving it is refused, nothing claimed.
        assertThat(h.coordinator.tasks().claim(alice, task.id(), true)).isInstanceOf(ClaimOutcome.FilesHeld.class);
        Files.delete(cur);
        Files.createSymbolicLink(dir.resolve("src/x.py"), Path.of("../lib/x.py"));
        // Now src/x.py is a link into lib: the reservation covers the file it names today.
        var claimed = (ClaimOutcome.Claimed) h.coordinator.tasks().claim(bob, task.id(), true);
        assertThat(claimed.reserved()).extracting(l -> l.resource().text()).containsExactly("lib/x.py");
    }
}
