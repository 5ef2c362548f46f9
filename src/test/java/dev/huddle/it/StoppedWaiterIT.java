package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A waiter stopped by SIGTERM (what Ctrl-C or a supervisor sends) leaves the line before its
 * process ends, as real processes on each {@link Backend}: the log shows its give-up as interrupted,
 * and the next plain lock is not refused for a queued waiter that no longer exists.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class StoppedWaiterIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    @Test
    void aLockWaitStoppedBySigterm_leavesTheLine_beforeItsProcessEnds() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        try (Backend.Store store = backend.create(dir)) {
            // SQLite: the store where Huddle puts it by default, as before this ran on both backends.
            stoppedWaiter(store.isPostgres() ? HuddleProcess.in(dir).withDb(store.db()) : HuddleProcess.in(dir));
        }
    }

    private void stoppedWaiter(HuddleProcess huddle) throws Exception {
        for (String agent : new String[] {"alice", "bob", "carol"}) {
            assertThat(huddle.run("register", agent).exitCode()).isZero();
        }
        assertThat(huddle.as("alice").run("lock", "src/a.py").exitCode()).isZero();
        Process bob = huddle.as("bob").start("lock", "src/a.py", "--wait", "10m");
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!huddle.run("log", "--json", "--limit", "100").stdout().contains("lease.wait")) {
                assertThat(System.nanoTime()).as("bob queued").isLessThan(deadline);
                Thread.sleep(100);
            }
            bob.destroy(); // SIGTERM
            assertThat(bob.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("bob's process ended").isTrue();
            // Nothing else can have written since: the give-up is bob's own, written on his way out.
            String log = huddle.run("log", "--json", "--limit", "100").stdout();
            assertThat(log).contains("lease.give_up").contains("interrupted");
            assertThat(huddle.as("alice").run("unlock", "src/a.py").exitCode()).isZero();
            // No waiter is ahead of carol any more: her plain lock is granted, not refused as queued behind bob.
            assertThat(huddle.as("carol").run("lock", "src/a.py").exitCode()).isZero();
        } finally {
            bob.destroyForcibly();
        }
    }
}
