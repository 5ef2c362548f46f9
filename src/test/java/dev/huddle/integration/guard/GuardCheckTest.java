package dev.huddle.integration.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.lease.LockRequest;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.testing.TestHuddle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardCheckTest {

    @TempDir
    Path root;
    TestHuddle huddle;
    AgentId alice;
    AgentId bob;

    @BeforeEach
    void setUp() {
        huddle = new TestHuddle(root);
        alice = huddle.register("alice");
        bob = huddle.register("bob");
    }

    @AfterEach
    void tearDown() {
        huddle.close();
    }

    void lock(AgentId who, String resource, LeaseMode mode) {
        var outcome = huddle.coordinator.leases().lock(new LockRequest(who, List.of(resource), mode, Optional.empty(),
                Optional.of("testing"), Optional.empty(), Optional.empty()));
        assertThat(outcome).isInstanceOf(dev.huddle.app.lease.LockOutcome.Granted.class);
    }

    @Test
    void run_findsPathsAnotherAgentHoldsExclusively_notOnesTheCallerHoldsOrSharedOnes() {
        lock(bob, "src/held.py", LeaseMode.EXCLUSIVE);
        lock(bob, "docs", LeaseMode.SHARED);
        lock(alice, "mine.txt", LeaseMode.EXCLUSIVE);

        var v = GuardCheck.run(huddle.coordinator, Optional.of(alice), root, root,
                List.of("src/held.py", "docs/a.md", "mine.txt", "free.txt"));

        assertThat(v.checked()).isEqualTo(4);
        assertThat(v.blocked()).extracting(GuardCheck.Blocked::path).containsExactly("src/held.py");
        assertThat(v.blocked().getFirst().conflict().heldBy().holder()).isEqualTo(bob);
    }

    @Test
    void run_withoutAnIdentity_countsEveryHolder() {
        lock(alice, "mine.txt", LeaseMode.EXCLUSIVE);

        var v = GuardCheck.run(huddle.coordinator, Optional.empty(), root, root, List.of("mine.txt"));

        assertThat(v.clear()).isFalse();
    }

    @Test
    void run_aDirectoryLeaseCoversFilesBelowIt_spacesAndNonAsciiToo() {
        lock(bob, "dir with space", LeaseMode.EXCLUSIVE);
        lock(bob, "ünï/名前.md", LeaseMode.EXCLUSIVE);

        var v = GuardCheck.run(huddle.coordinator, Optional.of(alice), root, root,
                List.of("dir with space/a b.txt", "ünï/名前.md", "ünï/other.md"));

        assertThat(v.blocked()).extracting(GuardCheck.Blocked::path).containsExactly("dir with space/a b.txt", "ünï/名前.md");
    }

    @Test
    void run_namesWithGlobCharacters_areLiteral() {
        lock(bob, "a1.txt", LeaseMode.EXCLUSIVE);

        var v = GuardCheck.run(huddle.coordinator, Optional.of(alice), root, root, List.of("a[1].txt", "b*.txt", "c?"));

        assertThat(v.clear()).isTrue();
        assertThat(v.checked()).isEqualTo(3);
    }

    @Test
    void run_aLinkLeadingOutOfTheRepository_isStillCheckedAsItself() throws IOException {
        Files.createDirectories(root.resolve("src"));
        Files.createSymbolicLink(root.resolve("src/link"), Path.of("/etc"));
        lock(bob, "src", LeaseMode.EXCLUSIVE);

        var v = GuardCheck.run(huddle.coordinator, Optional.of(alice), root, root, List.of("src/link"));

        assertThat(v.blocked()).extracting(GuardCheck.Blocked::path).containsExactly("src/link");
    }

    @Test
    void run_namesNoLeaseCanDescribe_areReportedUnchecked() {
        var v = GuardCheck.run(huddle.coordinator, Optional.of(alice), root, root, List.of("bad\nname", "ok"));

        assertThat(v.unchecked()).containsExactly("bad\nname");
        assertThat(v.checked()).isEqualTo(1);
    }

    @Test
    void run_fromASubdirectory_resolvesNamesFromTheTop() throws IOException {
        Files.createDirectories(root.resolve("sub"));
        lock(bob, "top.txt", LeaseMode.EXCLUSIVE);

        try (var fromSub = new dev.huddle.app.LocalCoordinator(new dev.huddle.app.Context(
                new dev.huddle.store.sqlite.SqliteStore(root.resolve(".huddle/huddle.db")), dev.huddle.core.Settings.DEFAULTS,
                huddle.clock, new dev.huddle.app.Workspace(root, root.resolve("sub")), huddle.clock::advance, false))) {

            var v = GuardCheck.run(fromSub, Optional.of(alice), root, root.resolve("sub"), List.of("top.txt"));

            assertThat(v.blocked()).hasSize(1);
        }
    }

    @Test
    void run_aLinkEntryInAHeldDirectory_isBlocked_thoughItLeadsElsewhere_andALinkToAHeldFileToo() throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/a.py"), "a");
        Files.createSymbolicLink(root.resolve("docs/to-src"), Path.of("../src"));
        Files.createSymbolicLink(root.resolve("a-link.py"), Path.of("src/a.py"));
        lock(bob, "docs", LeaseMode.EXCLUSIVE);
        lock(bob, "src/a.py", LeaseMode.EXCLUSIVE);

        var v = GuardCheck.run(huddle.coordinator, Optional.of(alice), root, root, List.of("docs/to-src", "a-link.py"));

        assertThat(v.blocked()).extracting(GuardCheck.Blocked::path).containsExactly("docs/to-src", "a-link.py");
    }

    @Test
    void run_aNameThroughALinkOutOfTheRepository_isUnchecked_andTheOthersAreStillChecked() throws IOException {
        Files.createSymbolicLink(root.resolve("up"), Path.of(".."));
        lock(bob, "held.txt", LeaseMode.EXCLUSIVE);

        var v = GuardCheck.run(huddle.coordinator, Optional.of(alice), root, root, List.of("up/x", "held.txt", "free.txt"));

        assertThat(v.unchecked()).containsExactly("up/x");
        assertThat(v.checked()).isEqualTo(2);
        assertThat(v.blocked()).extracting(GuardCheck.Blocked::path).containsExactly("held.txt");
    }
}
