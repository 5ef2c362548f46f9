package dev.huddle.integration.guard;

import dev.huddle.core.HuddleException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The git commands the guard needs, run as subprocesses in one directory with the caller's
 * environment (inside a hook, git's own {@code GIT_INDEX_FILE} and friends reach them). Spawning
 * git is fine here: the guard runs once per commit or push, not per tool call. Names come from
 * {@code -z} output, so they are exact.
 */
public final class Git {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path dir;

    public Git(Path dir) {
        this.dir = dir;
    }

    /** The top of the working tree. */
    public Path topLevel() {
        return Path.of(run("rev-parse", "--show-toplevel").strip());
    }

    /** The hooks directory git runs hooks from, {@code core.hooksPath} honoured. */
    public Path hooksDir() {
        return dir.resolve(run("rev-parse", "--git-path", "hooks").strip()).toAbsolutePath().normalize();
    }

    /** What the next commit writes: the index against HEAD (against nothing before the first commit). */
    public List<NameStatus.Change> staged() {
        return NameStatus.parse(run("diff", "--cached", "--name-status", "-z", "-M", "--no-ext-diff"));
    }

    /** Every change in the working tree, staged or not, against HEAD, and untracked files (not ignored). */
    public List<NameStatus.Change> workingTree() {
        List<NameStatus.Change> changes = new ArrayList<>(hasHead()
                ? NameStatus.parse(run("diff", "HEAD", "--name-status", "-z", "-M", "--no-ext-diff"))
                : staged());
        for (String name : run("ls-files", "--others", "--exclude-standard", "-z").split("\0")) {
            if (!name.isEmpty()) {
                changes.add(new NameStatus.Change("A", List.of(name)));
            }
        }
        return changes;
    }

    /**
     * The files that the commits of a push change: every commit the remote does not have yet,
     * each against its first parent. "Does not have": not reachable from the remote's old sha when
     * this repository knows it, else from any of the remote's tracking refs (a new branch).
     */
    public Set<String> pushed(List<PushUpdate> updates, String remote) {
        Set<String> names = new LinkedHashSet<>();
        for (PushUpdate u : updates) {
            if (u.deletes()) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("log", "--format=", "--name-status", "-z", "-M", "-m",
                    "--first-parent", "--no-ext-diff", u.localSha(), "--not"));
            if (!u.newBranch() && known(u.remoteSha())) {
                args.add(u.remoteSha());
            } else {
                args.add("--remotes=" + remote);
            }
            names.addAll(NameStatus.touched(NameStatus.parse(run(args.toArray(String[]::new)))));
        }
        return names;
    }

    private boolean hasHead() {
        return exit("rev-parse", "--verify", "-q", "HEAD") == 0;
    }

    private boolean known(String sha) {
        return exit("cat-file", "-e", sha + "^{commit}") == 0;
    }

    private int exit(String... args) {
        return execute(args).exit();
    }

    /** Runs git; its standard output, or a failure naming the command and git's own message. */
    String run(String... args) {
        Result r = execute(args);
        if (r.exit() != 0) {
            throw HuddleException.failed("git " + String.join(" ", args) + " failed (exit " + r.exit() + "): "
                    + r.err().strip().lines().findFirst().orElse("no message"));
        }
        return r.out();
    }

    private record Result(int exit, String out, String err) {}

    private Result execute(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotePath=false"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = Thread.ofVirtual().start(() -> drain(p.getErrorStream(), err));
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw HuddleException.failed("git " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            errReader.join();
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw HuddleException.failed("cannot run git (" + e.getMessage() + "); the git guard needs git on PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HuddleException.failed("interrupted while running git");
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        try (in) {
            in.transferTo(sink);
        } catch (IOException e) {
            // git ended; what was read is reported
        }
    }
}
