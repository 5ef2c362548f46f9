package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.huddle.testing.Prerequisite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huddle install codex} against the real Codex CLI: after the install, Codex's own
 * app-server ({@code hooks/list}) reports every Huddle hook as trusted, so Codex runs them without
 * {@code --dangerously-bypass-hook-trust}. Needs a {@code codex} binary: {@code CODEX_BIN}, the
 * pinned one the e2e suite caches ({@code ~/.cache/huddle/harness/codex-*}), or one installed in
 * {@code ../shared/harness/codex/node_modules}; skipped without (failed under CI=true, where
 * {@code bin/test --e2e} installs the pinned CLIs before Maven runs).
 */
class CodexTrustIT {

    @TempDir
    Path dir;

    @Test
    void installCodex_projectScope_everyHuddleHookIsTrustedByCodex_theUsersHookUntouched() throws Exception {
        Path codex = codexBinary();
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path home = Files.createDirectories(dir.resolve("home"));
        git(repo, "init", "-q");
        Files.createDirectories(repo.resolve(".codex"));
        Files.writeString(repo.resolve(".codex/hooks.json"),
                "{\"hooks\": {\"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"./mine.sh\"}]}]}}\n");

        succeed(HuddleProcess.in(repo).withEnv("HOME", home.toString()).run("install", "codex"));
        List<Map<String, Object>> hooks = hooksList(codex, repo, home);

        assertThat(hooks).filteredOn(h -> String.valueOf(h.get("command")).contains(" hook codex "))
                .hasSize(6).allSatisfy(h -> assertThat(h.get("trustStatus")).as("%s", h).isEqualTo("trusted"));
        assertThat(hooks).filteredOn(h -> "./mine.sh".equals(h.get("command")))
                .singleElement().satisfies(h -> assertThat(h.get("trustStatus")).isEqualTo("untrusted"));
    }

    @Test
    void installCodex_userScope_everyHuddleHookIsTrustedByCodex() throws Exception {
        Path codex = codexBinary();
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path home = Files.createDirectories(dir.resolve("home"));
        git(repo, "init", "-q");

        succeed(HuddleProcess.in(repo).withEnv("HOME", home.toString()).run("install", "codex", "--scope", "user"));
        List<Map<String, Object>> hooks = hooksList(codex, repo, home);

        assertThat(hooks).filteredOn(h -> String.valueOf(h.get("command")).contains(" hook codex "))
                .hasSize(6).allSatisfy(h -> assertThat(h.get("trustStatus")).as("%s", h).isEqualTo("trusted"));
    }

    private static Path codexBinary() {
        String named = System.getenv("CODEX_BIN");
        List<Path> candidates = new java.util.ArrayList<>();
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named));
        }
        String cacheEnv = System.getenv("HUDDLE_E2E_CACHE");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = cacheEnv != null && !cacheEnv.isBlank() ? Path.of(cacheEnv)
                : Path.of(xdg != null && !xdg.isBlank() ? xdg : System.getProperty("user.home") + "/.cache", "huddle", "harness");
        try (var dirs = Files.newDirectoryStream(cache, "codex-*")) {
            dirs.forEach(d -> candidates.add(d.resolve("node_modules/.bin/codex")));
        } catch (IOException | RuntimeException none) {
            // no e2e cache on this machine
        }
        candidates.add(Path.of(System.getProperty("huddle.root", ".")).toAbsolutePath().normalize()
                .resolveSibling("shared").resolve("harness/codex/node_modules/.bin/codex"));
        Path bin = candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Prerequisite.require(bin != null, "a Codex CLI (CODEX_BIN, the e2e cache " + cache + " or ../shared/harness/codex);"
                + " 'bin/test --e2e' installs the pinned one before Maven runs");
        return bin;
    }

    /** Asks {@code codex app-server} (JSON-RPC over stdio) which hooks it sees in {@code repo}, as Codex's /hooks screen does. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hooksList(Path codex, Path repo, Path home) throws Exception {
        ProcessBuilder b = new ProcessBuilder(codex.toString(), "app-server").directory(repo.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().put("HOME", home.toString());
        b.environment().put("CODEX_HOME", home.resolve(".codex").toString());
        Process p = b.start();
        try (Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize",
                    "params", Map.of("clientInfo", Map.of("name", "huddle-it", "version", "0"))));
            answer(out, 1);
            send(in, Map.of("jsonrpc", "2.0", "method", "initialized"));
            send(in, Map.of("jsonrpc", "2.0", "id", 2, "method", "hooks/list", "params", Map.of("cwds", List.of(repo.toString()))));
            Map<String, Object> result = (Map<String, Object>) answer(out, 2).get("result");
            List<Map<String, Object>> data = (List<Map<String, Object>>) result.get("data");
            return data.stream().flatMap(d -> ((List<Map<String, Object>>) d.get("hooks")).stream()).toList();
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static void send(Writer in, Map<String, Object> message) throws IOException {
        in.write(JSON.std.asString(message) + "\n");
        in.flush();
    }

    private static Map<String, Object> answer(BufferedReader out, int id) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Map<String, Object> m = JSON.std.mapFrom(line);
                    if (m != null && Integer.valueOf(id).equals(m.get("id"))) {
                        return m;
                    }
                }
                throw new AssertionError("codex app-server closed its output before answering request " + id);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(TestTiming.scaled(java.time.Duration.ofSeconds(60)).toSeconds(), TimeUnit.SECONDS);
    }

    private static void git(Path where, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(where.toFile()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("git %s", command).isTrue();
    }
}
