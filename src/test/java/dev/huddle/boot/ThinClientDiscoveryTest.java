package dev.huddle.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's thin client finds the store's server record (server.json) where the CLI would:
 * {@code _huddle_state_dir} of bin/lib/thin.sh, run by bash in each layout, names the directory
 * {@link StoreLocation#resolve} gives as {@code stateDir}, from the physical working directory.
 * Two implementations of one rule, so every layout the rule distinguishes is here.
 */
class ThinClientDiscoveryTest {

    private static final Path THIN = Path.of(System.getProperty("huddle.root", "."), "bin", "lib", "thin.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void aRepository_fromItsRoot_andFromBelow() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo/.git")).getParent();
        Path deep = Files.createDirectories(repo.resolve("src/main/java"));
        assertSame(repo, Map.of());
        assertSame(deep, Map.of());
    }

    @Test
    void aLinkedWorktree_leadsToTheCommonDirectory_relativeOrAbsolute() throws Exception {
        Path main = Files.createDirectories(tmp.resolve("main/.git/worktrees/wt")).getParent().getParent().getParent();
        Files.writeString(main.resolve(".git/worktrees/wt/commondir"), "../..\n");
        Path wt = Files.createDirectories(tmp.resolve("wt/sub"));
        Files.writeString(tmp.resolve("wt/.git"), "gitdir: ../main/.git/worktrees/wt\n");
        assertSame(wt, Map.of());
        assertSame(tmp.resolve("wt"), Map.of());
        Path abs = Files.createDirectories(tmp.resolve("abs"));
        Files.writeString(abs.resolve(".git"), "gitdir: " + main.resolve(".git/worktrees/wt") + "  \n");
        assertSame(abs, Map.of());
        // A submodule-style .git file without commondir: its git dir is the common one.
        Files.createDirectories(tmp.resolve("modules/m"));
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(sub.resolve(".git"), "gitdir: ../modules/m\n");
        assertSame(sub, Map.of());
    }

    @Test
    void withoutGit_theNearestHuddleFolder_elseTheWorkingDirectorysOwn() throws Exception {
        Path team = Files.createDirectories(tmp.resolve("team/.huddle")).getParent();
        assertSame(Files.createDirectories(team.resolve("a/b")), Map.of());
        assertSame(Files.createDirectories(tmp.resolve("loose/dir")), Map.of());
        // git wins over a nearer .huddle, as StoreLocation walks for .git first.
        Path repo = Files.createDirectories(tmp.resolve("r/.git")).getParent();
        Files.createDirectories(repo.resolve("x/.huddle"));
        assertSame(repo.resolve("x"), Map.of());
    }

    @Test
    void huddleDbOrDb_namingAFile_namesItsDirectory_aPostgresUrl_theRepositorys() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo/.git")).getParent();
        Path sub = Files.createDirectories(repo.resolve("sub"));
        assertSame(sub, Map.of("HUDDLE_DB", "stores/team.db"));
        assertSame(sub, Map.of("HUDDLE_DB", tmp.resolve("elsewhere/h.db").toString()));
        assertSame(sub, Map.of("HUDDLE_DB", "../up.db"));
        assertSame(sub, Map.of("HUDDLE_DB", "postgresql://127.0.0.1:5432/team"));
        assertSame(sub, Map.of("HUDDLE_DB", "jdbc:postgresql://127.0.0.1/team"));
        assertSame(sub, Map.of("HUDDLE_DB", "x.db"), "--db", "other/o.db");
        assertSame(sub, Map.of(), "--agent", "alice", "lock", "--db", "y/h.db", "src/a.py");
        assertSame(sub, Map.of(), "lock", "--", "--db", "y/h.db");
    }

    @Test
    void aSymlinkedWorkingDirectory_isLookedAboveWhereItPhysicallyIs() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo/.git")).getParent();
        Path inside = Files.createDirectories(repo.resolve("src"));
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("links")).resolve("s"), inside);
        assertThat(bash(link, Map.of())).isEqualTo(repo.toRealPath().resolve(".git/huddle"));
    }

    /** The bash rule and the Java rule name the same directory for {@code cwd}, environment and arguments. */
    private void assertSame(Path cwd, Map<String, String> env, String... args) throws Exception {
        Path physical = cwd.toRealPath();
        String db = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--db")) {
                db = args[i + 1];
                break;
            }
        }
        Path expected = StoreLocation.resolve(physical, env, db).stateDir().normalize();
        assertThat(bash(cwd, env, args)).as("%s with %s %s", cwd, env, List.of(args)).isEqualTo(expected);
    }

    private static Path bash(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source \"$0\" && cd -P . && _huddle_state_dir \"$@\" && printf '%s' \"$_huddle_dir\"", THIN.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        Map<String, String> e = new HashMap<>(b.environment());
        e.keySet().removeIf(k -> k.startsWith("HUDDLE_"));
        e.putAll(env);
        b.environment().clear();
        b.environment().putAll(e);
        // bash starts with PWD as given, as a shell in a symlinked directory has it.
        b.environment().put("PWD", cwd.toAbsolutePath().toString());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Path.of(out).normalize();
    }
}
