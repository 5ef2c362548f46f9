package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The git guard in real repositories: {@code huddle guard install}, then real {@code git commit}
 * and {@code git push} (to a real bare remote) through the installed hooks, which start the real
 * launcher ({@code bin/huddle}, on the packaged jar). Bob holds files; alice commits.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class GitGuardIT {

    @Parameter
    Backend backend;

    @TempDir
    Path dir;
    Path repo;
    Backend.Store store;
    HuddleProcess huddle;

    /** The outcome of one git command. */
    record Git(int exit, String out) {}

    @BeforeEach
    void repositoryWithTwoAgents() throws IOException {
        repo = Files.createDirectories(dir.resolve("work tree"));
        git("init", "-q", "-b", "main");
        git("config", "user.email", "alice@example.invalid");
        git("config", "user.name", "alice");
        write("held.txt", "v1\n");
        write("free.txt", "v1\n");
        git("add", "-A");
        git("commit", "-q", "-m", "start");
        store = backend.create(dir);
        // SQLite: the repository's default store; PostgreSQL: HUDDLE_DB, for huddle and git's hooks alike.
        huddle = store.isPostgres() ? HuddleProcess.in(repo).withDb(store.db()) : HuddleProcess.in(repo);
        succeed(huddle.run("register", "alice"));
        succeed(huddle.run("register", "bob"));
    }

    @AfterEach
    void dropStore() {
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    void write(String name, String text) throws IOException {
        Path p = repo.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    void bobLocks(String... paths) {
        List<String> args = new ArrayList<>(List.of("lock"));
        args.addAll(Arrays.asList(paths));
        args.addAll(List.of("--reason", "refactoring the parser", "--ttl", "20m"));
        succeed(huddle.as("bob").run(args.toArray(String[]::new)));
    }

    void installGuard() {
        succeed(huddle.run("guard", "install"));
    }

    /** Runs git in the work tree as alice would: HUDDLE_AGENT=alice, the launcher never rebuilding. */
    Git git(String... args) {
        return gitWith(Map.of(), args);
    }

    Git gitWith(Map<String, String> extra, String... args) {
        return gitIn(repo, extra, args);
    }

    Git gitIn(Path where, Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true);
        Map<String, String> env = b.environment();
        env.keySet().removeIf(k -> k.startsWith("HUDDLE_") || k.startsWith("GIT_") || k.endsWith("_SESSION_ID"));
        Map<String, String> settings = new HashMap<>(Map.of("HUDDLE_AGENT", "alice", "HUDDLE_NO_BUILD", "1",
                "JAVA_HOME", System.getProperty("java.home"), "GIT_CONFIG_NOSYSTEM", "1", "HOME", dir.toString()));
        if (store != null && store.isPostgres()) {
            settings.put("HUDDLE_DB", store.db());
        }
        settings.putAll(extra);
        settings.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        try {
            Process p = b.start();
            p.getOutputStream().close();
            String out = read(p.getInputStream());
            if (!p.waitFor(TestTiming.scaled(java.time.Duration.ofSeconds(120)).toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("git " + command + " did not finish");
            }
            Git g = new Git(p.exitValue(), out);
            if (args[0].equals("init") || args[0].equals("config") || args[0].equals("add") && g.exit() != 0) {
                assertThat(g.exit()).as("git %s: %s", command, out).isZero();
            }
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    String head() {
        return git("rev-parse", "HEAD").out().strip();
    }

    @Nested
    class Commit {

        @Test
        void commit_ofAFileBobHolds_isRefused_namingHolderPathReasonAndTimeLeft() throws IOException {
            bobLocks("held.txt");
            installGuard();
            String before = head();
            write("held.txt", "v2\n");
            git("add", "held.txt");

            Git c = git("commit", "-m", "edit held");

            assertThat(c.exit()).as(c.out()).isNotZero();
            assertThat(c.out()).contains("commit refused", "held.txt: held by bob", "refactoring the parser", "left");
            assertThat(head()).isEqualTo(before);
        }

        @Test
        void commit_withGuardWarn_goesThrough_withAWarning() throws IOException {
            bobLocks("held.txt");
            installGuard();
            write("held.txt", "v2\n");
            git("add", "held.txt");

            Git c = gitWith(Map.of("HUDDLE_GUARD", "warn"), "commit", "-m", "edit held anyway");

            assertThat(c.exit()).as(c.out()).isZero();
            assertThat(c.out()).contains("warning", "held.txt: held by bob");
        }

        @Test
        void commit_ofFreeFiles_goesThrough_andBobCommittingHisOwnFileToo() throws IOException {
            bobLocks("held.txt");
            installGuard();
            write("free.txt", "v2\n");
            git("add", "free.txt");
            assertThat(git("commit", "-q", "-m", "free").exit()).isZero();

            write("held.txt", "bob's\n");
            git("add", "held.txt");
            Git asBob = gitWith(Map.of("HUDDLE_AGENT", "bob"), "commit", "-q", "-m", "bob's own");

            assertThat(asBob.exit()).as(asBob.out()).isZero();
        }

        @Test
        void commit_withoutAnIdentity_countsEveryHolder() throws IOException {
            succeed(huddle.as("alice").run("lock", "free.txt"));
            installGuard();
            write("free.txt", "v2\n");
            git("add", "free.txt");

            Git c = gitWith(java.util.Collections.singletonMap("HUDDLE_AGENT", null), "commit", "-m", "who am I");

            assertThat(c.exit()).as(c.out()).isNotZero();
            assertThat(c.out()).contains("free.txt: held by alice");
        }

        @Test
        void commit_ofARename_isRefusedByTheOldName_andByTheNewName() throws IOException {
            write("old name.txt", "x\n");
            git("add", "-A");
            git("commit", "-q", "-m", "add");
            bobLocks("old name.txt", "taken");
            installGuard();

            git("mv", "old name.txt", "renamed.txt");
            Git byOld = git("commit", "-m", "rename");
            git("mv", "renamed.txt", "old name.txt");
            git("mv", "free.txt", "taken");
            Git byNew = git("commit", "-m", "rename into a held name");

            assertThat(byOld.exit()).as(byOld.out()).isNotZero();
            assertThat(byOld.out()).contains("old name.txt: held by bob");
            assertThat(byNew.exit()).as(byNew.out()).isNotZero();
            assertThat(byNew.out()).contains("taken: held by bob");
        }

        @Test
        void commit_withSpacesAndNonAsciiNames_andDeletions_isRefused() throws IOException {
            write("docs/ünï 名前.md", "x\n");
            git("add", "-A");
            git("commit", "-q", "-m", "add");
            bobLocks("docs/ünï 名前.md");
            installGuard();

            write("docs/ünï 名前.md", "changed\n");
            git("add", "-A");
            Git changed = git("commit", "-m", "change");
            git("reset", "-q", "--hard");
            git("rm", "-q", "docs/ünï 名前.md");
            Git deleted = git("commit", "-m", "delete");

            assertThat(changed.exit()).as(changed.out()).isNotZero();
            assertThat(changed.out()).contains("docs/ünï 名前.md: held by bob");
            assertThat(deleted.exit()).as(deleted.out()).isNotZero();
            assertThat(deleted.out()).contains("docs/ünï 名前.md: held by bob");
        }

        @Test
        void commit_ofAFileInADirectoryBobHolds_isRefused() throws IOException {
            bobLocks("src");
            installGuard();
            write("src/new file.py", "print(1)\n");
            git("add", "-A");

            Git c = git("commit", "-m", "new file");

            assertThat(c.exit()).as(c.out()).isNotZero();
            assertThat(c.out()).contains("src/new file.py: held by bob");
        }
    }

    @Nested
    class Chaining {

        @Test
        void anExistingPreCommitHook_stillRuns_firstAndWithItsExitCode() throws IOException {
            Path hook = repo.resolve(".git/hooks/pre-commit");
            Files.writeString(hook, "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/user-hook-ran\"\n"
                    + "[ -f fail-please ] && { echo 'user hook says no'; exit 7; }\nexit 0\n");
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
            installGuard();

            write("free.txt", "v2\n");
            git("add", "free.txt");
            assertThat(git("commit", "-q", "-m", "ok").exit()).isZero();
            assertThat(repo.resolve(".git/user-hook-ran")).hasContent("ran");

            write("fail-please", "");
            write("free.txt", "v3\n");
            git("add", "free.txt");
            Git refused = git("commit", "-m", "user hook refuses");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.out()).contains("user hook says no");
        }

        @Test
        void uninstall_putsTheOriginalHookBack_andTheGuardIsGone() throws IOException {
            Path hook = repo.resolve(".git/hooks/pre-commit");
            String original = "#!/bin/sh\nexit 0\n";
            Files.writeString(hook, original);
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
            installGuard();
            installGuard();

            succeed(huddle.run("guard", "uninstall"));

            assertThat(hook).hasContent(original.strip());
            assertThat(repo.resolve(".git/hooks/pre-commit.huddle-chained")).doesNotExist();
            assertThat(repo.resolve(".git/hooks/pre-push")).doesNotExist();
            bobLocks("held.txt");
            write("held.txt", "v2\n");
            git("add", "held.txt");
            assertThat(git("commit", "-q", "-m", "no guard any more").exit()).isZero();
        }

        @Test
        void install_honoursCoreHooksPath() throws IOException {
            git("config", "core.hooksPath", ".githooks");
            bobLocks("held.txt");

            HuddleProcess.Result r = succeed(huddle.run("guard", "install"));

            assertThat(r.stdout()).contains(repo.resolve(".githooks/pre-commit").toString());
            assertThat(repo.resolve(".git/hooks/pre-commit")).doesNotExist();
            write("held.txt", "v2\n");
            git("add", "held.txt");
            assertThat(git("commit", "-m", "through hooksPath").exit()).isNotZero();
        }
    }

    @Nested
    class Push {

        Path remote;

        @BeforeEach
        void bareRemote() {
            remote = dir.resolve("remote.git");
            gitIn(dir, Map.of(), "init", "-q", "--bare", "-b", "main", remote.toString());
            git("remote", "add", "origin", remote.toString());
            assertThat(git("push", "-q", "origin", "main").exit()).isZero();
        }

        @Test
        void push_ofCommitsTouchingAHeldFile_isRefused_untilTheLeaseEnds() throws IOException {
            write("held.txt", "v2\n");
            git("add", "held.txt");
            git("commit", "-q", "-m", "before the lease");
            bobLocks("held.txt");
            installGuard();

            Git refused = git("push", "origin", "main");
            succeed(huddle.as("bob").run("unlock", "held.txt"));
            Git pushed = git("push", "-q", "origin", "main");

            assertThat(refused.exit()).as(refused.out()).isNotZero();
            assertThat(refused.out()).contains("push refused", "held.txt: held by bob");
            assertThat(pushed.exit()).as(pushed.out()).isZero();
            assertThat(gitIn(remote, Map.of(), "rev-parse", "main").out().strip()).isEqualTo(head());
        }

        @Test
        void push_ofANewBranch_checksOnlyWhatTheRemoteDoesNotHave() throws IOException {
            bobLocks("held.txt");
            installGuard();
            git("checkout", "-q", "-b", "feature");
            write("free.txt", "feature\n");
            git("add", "free.txt");
            git("commit", "-q", "-m", "feature work");

            Git clean = git("push", "-q", "origin", "feature");

            write("held.txt", "feature\n");
            git("add", "held.txt");
            git("commit", "-q", "--no-verify", "-m", "touches held");
            git("checkout", "-q", "-b", "feature2");
            Git refused = git("push", "origin", "feature2");

            assertThat(clean.exit()).as(clean.out()).isZero();
            assertThat(refused.exit()).as(refused.out()).isNotZero();
            assertThat(refused.out()).contains("held.txt: held by bob").doesNotContain("free.txt: held");
        }

        @Test
        void push_ofABranchDeletion_checksNothing() {
            git("push", "-q", "origin", "main:doomed");
            bobLocks("held.txt", "free.txt");
            installGuard();

            Git deleted = git("push", "-q", "origin", "--delete", "doomed");

            assertThat(deleted.exit()).as(deleted.out()).isZero();
        }
    }
}
