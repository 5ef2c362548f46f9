package dev.huddle.hook;

import static dev.huddle.hook.HookRun.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Pacer;
import dev.huddle.app.Workspace;
import dev.huddle.cli.ExitCode;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.integration.guard.GuardCheck;
import dev.huddle.store.sqlite.SqliteStore;
import java.io.IOException;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exclusivity through the file system, one matrix: each case builds real files and links in a
 * temporary repository, alice leases the real file, and bob's other spelling of it goes through
 * every entry point — {@code lock}, {@code check}, the PreToolUse hook of Claude Code, Codex, Gemini
 * CLI and Cursor (a file tool and a shell write for each, in their payload shapes) and the git
 * guard's check. A spelling of a held file is held everywhere; a spelling leading out of the
 * repository is refused by {@code lock} and {@code check} and never blocks a write (it lands
 * outside, where no lease reaches).
 */
class LinkMatrixTest {

    enum Expect { HELD, REFUSED }

    /** A tree to build, what alice holds, bob's spelling, and what every entry point must say. */
    record Case(String name, Tree tree, String held, String spelling, Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Tree {
        void build(Path repo, Path outside) throws IOException;
    }

    static final List<String> ENTRY_POINTS = List.of("lock", "check", "claude Write", "claude Bash", "codex apply_patch",
            "codex Bash", "gemini write_file", "gemini run_shell_command", "cursor Write", "cursor Shell", "guard check");

    static List<Case> cases() {
        return List.of(
                new Case("link to a file", (r, o) -> link(r, "lf", "src/a.py"), "src/a.py", "lf", Expect.HELD),
                new Case("link to a directory", (r, o) -> link(r, "link", "src"), "src/a.py", "link/a.py", Expect.HELD),
                new Case("chain of links", (r, o) -> {
                    link(r, "l1", "l2");
                    link(r, "l2", "src/l3");
                    link(r, "src/l3", "sub");
                }, "src/sub/b.py", "l1/b.py", Expect.HELD),
                new Case(".. through a link", (r, o) -> link(r, "deep", "src/sub"), "src/a.py", "deep/../a.py", Expect.HELD),
                new Case("dangling link inside", (r, o) -> link(r, "dl", "src/new.py"), "src/new.py", "dl", Expect.HELD),
                new Case("link out, target exists", (r, o) -> link(r, "out", o.toString()), "**", "out/x.py", Expect.REFUSED),
                new Case("link out, target missing", (r, o) -> link(r, "up", ".."), "**", "up/x", Expect.REFUSED),
                new Case("hard link", (r, o) -> Files.createLink(r.resolve("hl"), r.resolve("src/a.py")),
                        "src/a.py", "hl", Expect.HELD),
                new Case("glob through a linked directory", (r, o) -> link(r, "link", "src"),
                        "src/a.py", "link/*.py", Expect.HELD),
                new Case("glob whose wildcard reaches a linked directory", (r, o) -> {
                    Files.createDirectories(r.resolve("docs"));
                    Files.createDirectories(r.resolve("src/api"));
                    Files.writeString(r.resolve("src/api/x.py"), "x");
                    link(r, "docs/api", "../src/api");
                }, "src/api/x.py", "docs/*/x.py", Expect.HELD));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : cases()) {
            for (String entry : ENTRY_POINTS) {
                all.add(Arguments.of(c, entry));
            }
        }
        return all.stream();
    }

    static void link(Path repo, String at, String target) throws IOException {
        Files.createSymbolicLink(repo.resolve(at), Path.of(target));
    }

    @TempDir
    Path base;
    Path repo;

    @BeforeEach
    void repository() throws IOException {
        repo = Files.createDirectories(base.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("src/sub"));
        Files.writeString(repo.resolve("src/a.py"), "a");
        Files.writeString(repo.resolve("src/sub/b.py"), "b");
        assertThat(cli("register", "alice").code()).isZero();
        assertThat(cli("register", "bob").code()).isZero();
    }

    /** The coordinator {@code huddle guard check} would use here, on the CLI's store and clock. */
    Coordinator coordinator() {
        return new LocalCoordinator(new Context(new SqliteStore(repo.resolve(".git/huddle/huddle.db")), Settings.DEFAULTS,
                Clock.systemUTC(), new Workspace(repo, repo), Pacer.SLEEP, false));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("matrix")
    void everySpellingOfAHeldFile_isHeldAtEveryEntryPoint(Case c, String entry) throws IOException {
        c.tree().build(repo, Files.createDirectories(base.resolve("outside")));
        HookRun held = cli("lock", c.held(), "--agent", "alice", "--reason", "rewriting it");
        assertThat(held.code()).as(held.toString()).isZero();

        switch (entry) {
            case "lock", "check" -> {
                HookRun r = cli(entry, c.spelling(), "--agent", "bob");
                if (c.expect() == Expect.HELD) {
                    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.DENIED);
                    assertThat(r.out() + r.err()).as(r.toString()).contains("alice");
                } else {
                    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USAGE);
                    assertThat(r.err()).as(r.toString()).contains("leads out of the repository").contains("is a symbolic link to");
                    assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
                }
            }
            case "guard check" -> {
                GuardCheck.Verdict v;
                try (Coordinator coordinator = coordinator()) {
                    v = GuardCheck.run(coordinator, Optional.of(AgentId.of("bob")), repo, repo, List.of(c.spelling()));
                }
                if (c.spelling().contains("*")) {
                    // A guard name is literal (git names files, not patterns): 'link/*.py' is no file here.
                    assertThat(v.clear()).as(v.toString()).isTrue();
                } else if (c.expect() == Expect.HELD) {
                    assertThat(v.blocked()).as(v.toString()).extracting(GuardCheck.Blocked::path).containsExactly(c.spelling());
                } else {
                    assertThat(v.clear()).as(v.toString()).isTrue();
                    assertThat(v.unchecked()).as(v.toString()).containsExactly(c.spelling());
                }
            }
            default -> {
                HookRun r = hook(entry, c.spelling());
                assertThat(r.code()).as(r.toString()).isZero();
                if (c.expect() == Expect.HELD) {
                    assertThat(r.out()).as(r.toString()).contains("deny").contains("is leased by alice");
                } else {
                    assertThat(r.out()).as(r.toString()).doesNotContain("deny");
                }
            }
        }
    }

    /** The real {@code huddle guard check --staged} over a real git index: a staged link and hard link to a held file. */
    @org.junit.jupiter.api.Test
    void guardCheckStaged_aStagedLinkAndHardLinkToAHeldFile_areRefused_aLinkToAFreeDirectoryIsNot() throws Exception {
        git("init", "-q"); // beside the store Huddle keeps in .git/huddle
        git("add", "src");
        git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "start");
        assertThat(cli("lock", "src/a.py", "--agent", "alice").code()).isZero();
        link(repo, "lf", "src/a.py");
        link(repo, "ld", "src/sub");
        Files.createLink(repo.resolve("hl"), repo.resolve("src/a.py"));
        git("add", "lf", "ld", "hl");

        HookRun r = cli("guard", "check", "--staged", "--agent", "bob");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.DENIED);
        assertThat(r.out()).as(r.toString()).contains("  lf: ").contains("  hl: ").doesNotContain("  ld: ");
    }

    void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
    }

    HookRun cli(String... args) {
        return HookRun.in(repo, Map.of(), "", args);
    }

    /** One PreToolUse call of the named program and tool writing {@code spelling}, in that program's payload shape. */
    HookRun hook(String entry, String spelling) {
        String file = json(repo + "/" + spelling);
        String shell = json("echo x > " + spelling);
        String root = json(repo.toString());
        String claudeLike = "\"session_id\":\"s-1\",\"cwd\":\"" + root + "\",\"hook_event_name\":\"PreToolUse\"";
        String cursor = "\"conversation_id\":\"conv-1\",\"generation_id\":\"gen-1\",\"model\":\"m\",\"cursor_version\":"
                + "\"2.0.77\",\"workspace_roots\":[\"" + root + "\"],\"user_email\":null";
        String patch = json("*** Begin Patch\n*** Update File: " + spelling + "\n@@\n-a\n+b\n*** End Patch\n");
        return switch (entry) {
            case "claude Write" -> run("claude", "PreToolUse", "{" + claudeLike
                    + ",\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"" + file + "\",\"content\":\"x\"}}");
            case "claude Bash" -> run("claude", "PreToolUse", "{" + claudeLike
                    + ",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"" + shell + "\"}}");
            case "codex apply_patch" -> run("codex", "PreToolUse", "{" + claudeLike
                    + ",\"tool_name\":\"apply_patch\",\"tool_input\":{\"command\":\"" + patch + "\"}}");
            case "codex Bash" -> run("codex", "PreToolUse", "{" + claudeLike
                    + ",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"" + shell + "\"}}");
            case "gemini write_file" -> run("gemini", "BeforeTool", "{\"session_id\":\"s-1\",\"cwd\":\"" + root
                    + "\",\"hook_event_name\":\"BeforeTool\",\"tool_name\":\"write_file\",\"tool_input\":{\"file_path\":\""
                    + file + "\",\"content\":\"x\"}}");
            case "gemini run_shell_command" -> run("gemini", "BeforeTool", "{\"session_id\":\"s-1\",\"cwd\":\"" + root
                    + "\",\"hook_event_name\":\"BeforeTool\",\"tool_name\":\"run_shell_command\",\"tool_input\":{\"command\":\""
                    + shell + "\"}}");
            case "cursor Write" -> run("cursor", "preToolUse", "{" + cursor + ",\"hook_event_name\":\"preToolUse\","
                    + "\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"" + file + "\"}}");
            case "cursor Shell" -> run("cursor", "beforeShellExecution", "{" + cursor
                    + ",\"hook_event_name\":\"beforeShellExecution\",\"command\":\"" + shell + "\",\"cwd\":\"" + root + "\"}");
            default -> throw new IllegalArgumentException(entry);
        };
    }

    HookRun run(String program, String event, String payload) {
        return HookRun.in(repo, Map.of(), payload, "hook", program, event);
    }
}
