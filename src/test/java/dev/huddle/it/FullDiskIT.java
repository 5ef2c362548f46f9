package dev.huddle.it;

import static dev.huddle.it.Outcomes.assertCleanRefusal;
import static dev.huddle.it.Outcomes.assertNoStackTrace;
import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import dev.huddle.testing.Prerequisite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store on a real full disk: a 2 MiB tmpfs, filled to the last byte after the store got its data.
 * Reads keep working (SQLite's reader would have to grow its -shm index, which a full disk refuses),
 * a write fails with one line naming the cause and the store, and the hook still tells a free file
 * from a held one. The tmpfs lives in a private mount namespace kept open by a {@code sleep}
 * process; every huddle process joins it with {@code nsenter}, so the host's mounts are never
 * touched and the file system disappears with its holder. Needs root (or CAP_SYS_ADMIN).
 */
class FullDiskIT {

    /** Mounts a small tmpfs on {@code $1} in the new namespace, says so, and keeps the namespace alive. */
    private static final String MOUNT_TMPFS =
            "mount -t tmpfs -o size=2m,mode=0700 tmpfs \"$1\" && echo mounted && exec sleep 600";

    @TempDir
    Path dir;

    private Path disk;
    private Path repo;
    private Process holder;
    private HuddleProcess bob;

    @BeforeEach
    void storeWithDataOnAFullDisk() throws Exception {
        disk = Files.createDirectory(dir.resolve("disk"));
        repo = Files.createDirectories(dir.resolve("repo/.git")).getParent();
        holder = mountTmpfs(disk);
        // Entering a mount namespace moves to its root directory: --wd keeps the repository as the working directory.
        List<String> join = List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "--wd=" + repo, "--");
        bob = HuddleProcess.in(repo).withDb(disk.resolve("huddle.db")).wrappedIn(join).as("bob");
        succeed(bob.run("register", "alice"));
        succeed(bob.run("register", "bob"));
        succeed(bob.as("alice").run("lock", "src/a.py", "--reason", "editing"));
        succeed(bob.as("alice").run("send", "bob", "hello from alice"));
        fill(join);
    }

    @AfterEach
    void unmount() throws InterruptedException {
        if (holder != null) {
            holder.destroy();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Nested
    class Reading {

        @ParameterizedTest(name = "huddle {0}")
        @CsvSource({"locks, src/a.py", "agents, alice", "inbox, hello from alice", "log, lease.grant", "status, src/a.py"})
        void readCommand_whenTheDiskIsFull_showsTheData(String command, String expected) {
            Result result = bob.run(command);

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.stdout()).contains(expected);
        }

        @Test
        void check_whenTheDiskIsFull_tellsAFreeFileFromAHeldOne() {
            Result free = bob.run("check", "src/b.py");
            Result held = bob.run("check", "src/a.py");

            assertThat(free.exitCode()).as("%s", free).isZero();
            assertThat(held.exitCode()).as("%s", held).isEqualTo(2);
            assertThat(held.stdout()).contains("alice").contains("editing");
        }
    }

    @Nested
    class Writing {

        @ParameterizedTest(name = "huddle {0}")
        @CsvSource({"lock src/b.py", "send alice hi", "heartbeat", "unlock src/a.py --force --reason x"})
        void writeCommand_whenTheDiskIsFull_exits1NamingTheCauseAndTheStore(String command) {
            Result result = bob.run(command.split(" "));

            assertCleanRefusal(result, 1);
            assertThat(result.stderr()).contains("disk is full").contains(disk.resolve("huddle.db").toString())
                    .contains("Free space");
        }

        @Test
        void write_afterReadsOnTheFullDisk_changedNothing() {
            bob.run("lock", "src/b.py");

            Result locks = succeed(bob.run("locks", "--json"));

            assertThat(locks.jsonList("leases")).extracting(l -> l.get("resource")).containsExactly("src/a.py");
        }
    }

    @Nested
    class Hook {

        @Test
        void preToolUse_whenTheDiskIsFull_freeFileAllowed_heldFileDenied() {
            Result free = preToolUseWrite("src/b.py");
            Result held = preToolUseWrite("src/a.py");

            assertThat(free.exitCode()).as("%s", free).isZero();
            assertThat(free.stdout()).as("allowed: no answer").isEmpty();
            assertThat(held.exitCode()).as("%s", held).isZero();
            assertThat(held.stdout()).contains("\"permissionDecision\":\"deny\"").contains("leased by alice")
                    .doesNotContain("could not check");
            assertNoStackTrace(held);
        }

        private Result preToolUseWrite(String path) {
            String payload = """
                    {"session_id": "s-full", "cwd": "%1$s", "hook_event_name": "PreToolUse", "tool_name": "Write",
                     "tool_input": {"file_path": "%1$s/%2$s", "content": "x"}}
                    """.formatted(repo, path);
            return bob.run(payload.getBytes(StandardCharsets.UTF_8), "hook", "claude", "PreToolUse");
        }
    }

    /** Starts the namespace holder, or skips (fails on CI) where mounting is not allowed. */
    private static Process mountTmpfs(Path disk) throws IOException, InterruptedException {
        boolean tools = Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/bin/nsenter"));
        Prerequisite.require(tools, "unshare(1) and nsenter(1) from util-linux");
        Process p = new ProcessBuilder("unshare", "-m", "sh", "-c", MOUNT_TMPFS, "sh", disk.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"mounted".equals(first)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Prerequisite.require(false, "mounting a tmpfs in a private mount namespace (needs root): " + first);
        }
        return p;
    }

    /** Fills the tmpfs until the kernel refuses another byte, and checks that nothing is left. */
    private void fill(List<String> join) throws Exception {
        String script = "cat /dev/zero > \"$1\"/fill 2>/dev/null; stat -f -c %a \"$1\"";
        List<String> command = new java.util.ArrayList<>(join);
        command.addAll(List.of("sh", "-c", script, "sh", disk.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("filling the disk finished").isTrue();
        String freeBlocks = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(freeBlocks).as("free blocks on the full disk").isEqualTo("0");
    }
}
