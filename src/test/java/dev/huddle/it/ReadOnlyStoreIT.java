package dev.huddle.it;

import static dev.huddle.it.Outcomes.assertCleanRefusal;
import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import dev.huddle.testing.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store on a read-only filesystem: reading works, every change is refused with one clean line.
 * Each process runs in its own mount namespace ({@code unshare -m}) in which the store's
 * directory is bind-mounted read-only, so the host's mounts are never touched. Needs root (or
 * the right capabilities); elsewhere the tests are skipped, saying so (under CI=true they fail).
 */
class ReadOnlyStoreIT {

    /** Mounts {@code $1} read-only over itself in the new namespace, then runs the rest of the arguments. */
    private static final String MOUNT_READ_ONLY =
            "mount --bind \"$1\" \"$1\" && mount -o remount,ro,bind \"$1\" && shift && exec \"$@\"";

    @TempDir
    Path dir;

    private Path storeDir;
    private HuddleProcess writable;
    private HuddleProcess readOnly;

    @BeforeAll
    static void requireMountNamespaces(@TempDir Path probe) throws Exception {
        Prerequisite.require(Files.isExecutable(Path.of("/usr/bin/unshare")) || Files.isExecutable(Path.of("/bin/unshare")),
                "unshare(1) from util-linux");
        Process mount = new ProcessBuilder("unshare", "-m", "sh", "-c", MOUNT_READ_ONLY, "sh", probe.toString(),
                        "sh", "-c", "! touch \"$0\"/probe 2>/dev/null", probe.toString())
                .redirectErrorStream(true)
                .start();
        mount.getOutputStream().close();
        boolean finished = mount.waitFor(30, TimeUnit.SECONDS);
        String output = new String(mount.getInputStream().readAllBytes());
        if (!finished) {
            mount.destroyForcibly();
        }
        Prerequisite.require(finished && mount.exitValue() == 0,
                "bind-mounting a directory read-only in a private mount namespace (needs root): " + output);
    }

    @BeforeEach
    void storeWithData() throws IOException {
        storeDir = Files.createDirectory(dir.resolve("store"));
        Path work = Files.createDirectory(dir.resolve("work"));
        writable = HuddleProcess.in(work).withDb(storeDir.resolve("huddle.db")).as("bob");
        succeed(writable.run("register", "alice"));
        succeed(writable.run("register", "bob"));
        succeed(writable.as("alice").run("lock", "src/a.rs", "--reason", "editing"));
        succeed(writable.as("alice").run("send", "bob", "hello from alice"));
        readOnly = writable.wrappedIn(List.of("unshare", "-m", "sh", "-c", MOUNT_READ_ONLY, "sh", storeDir.toString()));
    }

    @Nested
    class Reading {

        @ParameterizedTest(name = "huddle {0}")
        @CsvSource({"agents, alice", "locks, src/a.rs", "inbox, hello from alice", "log, lease.grant"})
        void readCommand_whenStoreReadOnly_showsTheData(String command, String expected) {
            Result result = readOnly.run(command);

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.stdout()).contains(expected);
        }
    }

    @Nested
    class Writing {

        @ParameterizedTest(name = "huddle {0}")
        @CsvSource({"lock src/b.rs", "send alice hi", "heartbeat"})
        void writeCommand_whenStoreReadOnly_exits1SayingReadOnly(String command) {
            Result result = readOnly.run(command.split(" "));

            assertCleanRefusal(result, 1);
            assertThat(result.stderr()).contains("read-only");
        }

        @Test
        void writeCommand_afterReadOnlyRun_storeIsWritableOutsideTheNamespace() {
            readOnly.run("heartbeat");

            Result lock = writable.run("lock", "src/b.rs");

            assertThat(lock.exitCode()).as("the read-only mount stayed private: %s", lock).isZero();
        }
    }
}
